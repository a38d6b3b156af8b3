import { z } from 'zod';
import type { CategorySettings } from '../../reference/repository.js';
import { line, oneOf, paragraphs, requiredText, ticked } from '../forms.js';

export const NAME_MAX = 120;
export const REASON_MAX = 500;
/** Lowercase letters, digits and hyphens; `new` is the path of the form that adds one. */
export const CODE_PATTERN = /^[a-z0-9-]{1,40}$/;

/** The category form as typed; the code and kind only when adding. */
export interface CategoryValues {
  code: string;
  kind: string;
  name_lv: string;
  name_en: string;
  name_ru: string;
  visibility: string;
  target_days: string;
  active: boolean;
  reason: string;
}

export function readCategory(body: Record<string, unknown>): CategoryValues {
  return {
    code: line(body.code).toLowerCase(),
    kind: line(body.kind),
    name_lv: line(body.name_lv),
    name_en: line(body.name_en),
    name_ru: line(body.name_ru),
    visibility: line(body.visibility),
    target_days: line(body.target_days),
    active: ticked(body.active),
    reason: paragraphs(body.reason),
  };
}

/** What a new category's form starts with. */
export const blankCategory = (): CategoryValues => ({
  code: '',
  kind: 'problem',
  name_lv: '',
  name_en: '',
  name_ru: '',
  visibility: 'public',
  target_days: '10',
  active: true,
  reason: '',
});

export const categoryValues = (category: CategorySettings): CategoryValues => ({
  code: category.code,
  kind: category.kind,
  name_lv: category.names.lv,
  name_en: category.names.en,
  name_ru: category.names.ru,
  visibility: category.visibility,
  target_days: String(category.targetDays),
  active: category.active,
  reason: '',
});

const settings = {
  name_lv: requiredText(NAME_MAX),
  name_en: requiredText(NAME_MAX),
  name_ru: requiredText(NAME_MAX),
  visibility: oneOf(['public', 'private']),
  target_days: z
    .string()
    .regex(/^\d{1,2}$/, 'admin.categories.errors.targetDays')
    .transform(Number)
    .refine((days) => days >= 1 && days <= 60, 'admin.categories.errors.targetDays'),
  active: z.boolean(),
  reason: z.string().max(REASON_MAX, 'admin.errors.tooLong'),
};

const toChanges = <T extends z.infer<z.ZodObject<typeof settings>>>(data: T) => ({
  names: { lv: data.name_lv, en: data.name_en, ru: data.name_ru },
  visibility: data.visibility,
  targetDays: data.target_days,
  active: data.active,
  reason: data.reason,
});

/**
 * A request for help is always private, whatever its category says (help/requests/service.ts): a
 * help category offered as public would only mislead whoever reads the list of categories.
 */
const notPublicHelp = (data: { kind: string; visibility: string }) =>
  !(data.kind === 'help' && data.visibility === 'public');
const HELP_PUBLIC = { path: ['visibility'], message: 'admin.categories.errors.helpPublic' };

export const newCategorySchema = z
  .object({
    code: z
      .string()
      .regex(CODE_PATTERN, 'admin.categories.errors.code')
      .refine((code) => code !== 'new', 'admin.categories.errors.codeTaken'),
    kind: oneOf(['problem', 'help']),
    ...settings,
  })
  .refine(notPublicHelp, HELP_PUBLIC)
  .transform((data) => ({ code: data.code, kind: data.kind, ...toChanges(data) }));

/** Editing: making a private category public needs a reason, which the audit log keeps. */
export const categorySchema = (current: Pick<CategorySettings, 'visibility' | 'kind'>) =>
  z
    .object(settings)
    .refine((data) => notPublicHelp({ kind: current.kind, visibility: data.visibility }), HELP_PUBLIC)
    .refine((data) => !(current.visibility === 'private' && data.visibility === 'public' && !data.reason), {
      path: ['reason'],
      message: 'admin.categories.errors.reason',
    })
    .transform(toChanges);

export type NewCategoryInput = z.output<typeof newCategorySchema>;
export type CategoryInput = z.output<ReturnType<typeof categorySchema>>;
