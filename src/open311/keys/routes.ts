import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  actorOf,
  bodyOf,
  errorsOf,
  idParam,
  line,
  postForm,
  render,
  requiredText,
  ticked,
  type FormState,
} from '../../admin/forms.js';
import { requireStaff } from '../../staff/session.js';
import { doneNotice } from '../../web/done-notice.js';
import type { ApiKeyService } from './service.js';

export const API_KEYS_PATH = '/staff/admin/api-keys';

interface KeyValues {
  label: string;
  trusted: boolean;
}

const keySchema = z.object({ label: requiredText(120), trusted: z.boolean() });

const NOTICES = ['revoked', 'already'] as const;
const noticeOf = (req: Request) => doneNotice(req.query.done, NOTICES);

/** The admin's Open311 keys: the list, making a key (shown once), revoking one. Admins only. */
export function apiKeyRoutes(deps: {
  apiKeys: Pick<ApiKeyService, 'list' | 'labelInUse' | 'create' | 'revoke'>;
}): Router {
  const { apiKeys } = deps;
  const router = Router();

  const show = async (req: Request, res: Response, status: number, form: FormState<KeyValues>) => {
    render(res, 'api-keys/list', { keys: await apiKeys.list(), ...form, notice: noticeOf(req) }, status);
  };

  const list = (req: Request, res: Response) =>
    show(req, res, 200, { values: { label: '', trusted: false }, errors: {} });

  const create = async (req: Request, res: Response) => {
    const body = bodyOf(req);
    const values = { label: line(body.label), trusted: ticked(body.trusted) };
    const parsed = keySchema.safeParse(values);
    if (!parsed.success) return show(req, res, 422, { values, errors: errorsOf(parsed.error) });
    // The same form sent twice (Back, then Make again) would make a second key of one name.
    if (await apiKeys.labelInUse(parsed.data.label))
      return show(req, res, 422, { values, errors: { label: [{ key: 'open311.keys.errors.labelTaken' }] } });
    const { key, secret } = await apiKeys.create(parsed.data, actorOf(req));
    // The key itself is on this page alone: no cache may keep it, and it is never in a URL.
    res.set('Cache-Control', 'no-store');
    render(res, 'api-keys/created', { key, secret });
  };

  const revoke = async (req: Request, res: Response) => {
    const outcome = await apiKeys.revoke(idParam(req.params.id), actorOf(req));
    res.redirect(303, `${API_KEYS_PATH}?done=${outcome}`);
  };

  router.use(API_KEYS_PATH, requireStaff('admin'));
  router.get(API_KEYS_PATH, list);
  router.post(API_KEYS_PATH, postForm, create);
  router.post(`${API_KEYS_PATH}/:id/revoke`, postForm, revoke);
  return router;
}
