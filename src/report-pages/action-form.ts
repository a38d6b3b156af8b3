import type { Request } from 'express';
import { z } from 'zod';
import type { Translate } from '../i18n/index.js';
import {
  PHOTO_MESSAGES,
  shortName,
  tooLargeMessages,
  tooManyMessages,
  uploadLimitMessage,
} from '../photos/messages.js';
import { MAX_PHOTOS, type PhotoService } from '../photos/service.js';
import type { PendingPhoto } from '../photos/types.js';
import { cleanText } from '../web/clean-text.js';
import { removeHeldFiles, tooLargePhotos, uploadedPhotos } from '../web/uploads.js';

export const MAX_ACTION_TEXT = 5000;
export const REPORTER_ACTIONS = ['comment', 'resolve', 'reopen', 'withdraw'] as const;
export type ReporterAction = (typeof REPORTER_ACTIONS)[number];

const one = (value: unknown) => (Array.isArray(value) ? (value as unknown[])[0] : value);
const many = (value: unknown): unknown[] =>
  Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];

/** The action form's fields; its messages are catalog keys under `reports.actions.errors`. */
export const actionFormSchema = z.object({
  action: z.preprocess(one, z.enum(REPORTER_ACTIONS, { error: 'action' })),
  text: z.preprocess(
    (value) => (typeof one(value) === 'string' ? cleanText(one(value) as string).trim() : ''),
    z.string().max(MAX_ACTION_TEXT, { error: 'textTooLong' }),
  ),
  pending: z.preprocess(
    many,
    z.array(z.unknown()).transform((ids) => ids.filter((id): id is string => typeof id === 'string')),
  ),
  confirm: z.preprocess(one, z.literal('yes').optional().catch(undefined)),
});

export type ActionForm = z.infer<typeof actionFormSchema>;

/** The text as typed, for refilling the form even when the rest did not validate. */
export function typedText(body: Record<string, unknown>): string {
  const text = one(body.text);
  return typeof text === 'string' ? text : '';
}

export function formToken(body: Record<string, unknown>): string | undefined {
  const token = one(body.token);
  return typeof token === 'string' ? token : undefined;
}

/** What the reporter typed and uploaded, and what was wrong with it, to show the form again. */
export interface ActionFormState {
  text: string;
  pending: PendingPhoto[];
  errors: { form?: string; text?: string; photos: string[] };
}

export const emptyActionForm = (): ActionFormState => ({ text: '', pending: [], errors: { photos: [] } });

export const hasErrors = (state: ActionFormState) =>
  Boolean(state.errors.form || state.errors.text || state.errors.photos.length > 0);

type ActionFormDeps = { photos: Pick<PhotoService, 'pending' | 'accept'>; clock: () => Date; t: Translate };

/**
 * Reads a parsed action form (see `parsePhotoForm`): validates it, takes in new photos as pending
 * uploads beside those kept from an earlier try, and words every problem for the reader.
 */
export async function readActionForm(
  req: Request,
  deps: ActionFormDeps,
): Promise<{ action: ReporterAction | undefined; confirmed: boolean; state: ActionFormState }> {
  const { t } = deps;
  const body = (req.body ?? {}) as Record<string, unknown>;
  const parsed = actionFormSchema.safeParse(body);
  // The button's action and the withdrawal's confirmation stand even when the text is refused: a
  // reason too long to withdraw with is shown again on the withdrawal's page, not as a comment.
  const { shape } = actionFormSchema;
  const action = parsed.success ? parsed.data.action : shape.action.safeParse(body.action).data;
  const confirm = parsed.success ? parsed.data.confirm : shape.confirm.parse(body.confirm);
  const text = parsed.success ? parsed.data.text : typedText(body);
  const errors: ActionFormState['errors'] = { photos: [] };
  // Withdrawing's text is its reason, said so in its messages.
  const context = action === 'withdraw' ? 'withdraw' : undefined;
  if (req.uploadLimit?.field === 'text') {
    // Tens of kilobytes of comment: said at the field (the parser kept none of it to count).
    errors.text = t('reports.actions.errors.textFarTooLong', { max: MAX_ACTION_TEXT, context });
  } else if (req.uploadLimit) {
    const message = uploadLimitMessage(req.uploadLimit);
    errors.photos.push(t(message.key, message.vars));
  }
  const pending = await takePhotos(req, action, errors, deps);

  for (const issue of parsed.success ? [] : parsed.error.issues) {
    if (issue.path[0] === 'text' && !errors.text) {
      errors.text = t(`reports.actions.errors.${issue.message}`, {
        max: MAX_ACTION_TEXT,
        length: text.length,
        context,
      });
    } else if (issue.path[0] === 'action' && !req.uploadLimit) {
      // A cut-short upload loses the button's value; its own message says what to do.
      errors.form = t('reports.actions.errors.action');
    }
  }
  if (
    action === 'comment' &&
    !errors.text &&
    text === '' &&
    pending.length === 0 &&
    errors.photos.length === 0
  ) {
    errors.text = t('reports.actions.errors.commentEmpty');
  }
  return { action, confirmed: confirm === 'yes', state: { text, pending, errors } };
}

/** The photos kept from an earlier try and the new ones, as pending uploads; their problems worded. */
async function takePhotos(
  req: Request,
  action: ReporterAction | undefined,
  errors: ActionFormState['errors'],
  { photos, clock, t }: ActionFormDeps,
): Promise<PendingPhoto[]> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  // Photos kept from an earlier try ride along as ids, less those the reporter ticked to remove.
  const ids = (value: unknown) => actionFormSchema.shape.pending.parse(value);
  const removed = new Set(ids(body.remove_pending));
  const kept = ids(body.pending).filter((id) => !removed.has(id));
  const pending = (await photos.pending(kept)).slice(0, MAX_PHOTOS);
  // Withdrawing carries no photos; anything chosen anyway is never stored.
  const files = action === 'withdraw' ? [] : uploadedPhotos(req);
  const tooLarge = action === 'withdraw' ? [] : tooLargePhotos(req);
  for (const message of tooLargeMessages(tooLarge)) errors.photos.push(t(message.key, message.vars));
  const room = MAX_PHOTOS - pending.length;
  const accepted = await photos.accept(files.slice(0, room), clock(), { storageErrors: 'report' });
  for (const problem of accepted.problems)
    errors.photos.push(t(PHOTO_MESSAGES[problem.code], { file: shortName(problem.file) }));
  const dropped = files.slice(room).map((file) => file.originalname);
  for (const message of tooManyMessages(dropped)) errors.photos.push(t(message.key, message.vars));
  // Those not taken go now, as the taken ones did, not once the answer has gone.
  await removeHeldFiles(req);
  return [...pending, ...accepted.pending];
}
