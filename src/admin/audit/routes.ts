import type { Translate } from '../../i18n/index.js';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { errorsOf, line, render } from '../forms.js';
import type { AuditLog } from './service.js';
import { auditRowView } from './view.js';

const LOG = '/staff/audit';

/** The filters as typed; each may be empty. `before` is the id to page older rows from. */
interface AuditValues {
  staff: string;
  action: string;
  type: string;
  object: string;
  before: string;
}

const readQuery = (query: Record<string, unknown>): AuditValues => ({
  staff: line(query.staff),
  action: line(query.action),
  type: line(query.type),
  object: line(query.object),
  before: line(query.before),
});

// Lengths are those of the audit_log columns; ids fit the columns they are compared with.
const auditQuery = z.object({
  staff: z.string().regex(/^(?:[1-9]\d{0,8})?$/, 'admin.errors.choose'),
  action: z.string().max(60, 'admin.errors.tooLong'),
  type: z.string().max(40, 'admin.errors.tooLong'),
  object: z.string().max(60, 'admin.errors.tooLong'),
  before: z.string().regex(/^(?:[1-9]\d{0,14})?$/, 'admin.audit.errors.before'),
});

const orUndefined = <T>(value: T | '' | 0) => (value === '' || value === 0 ? undefined : value);

/** The same filters with another starting point: the "older" link keeps what was asked. */
const pageUrl = (values: AuditValues, before: number) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...values, before: String(before) }))
    if (value) params.set(key, value);
  return `${LOG}?${params.toString()}`;
};

/** The audit log for admins: read-only, newest first, 50 a page, filtered by who, what and which object. */
export function auditRoutes(deps: { auditLog: AuditLog }) {
  const { auditLog } = deps;
  const router = Router();

  const list = async (req: Request, res: Response) => {
    const values = readQuery(req.query);
    const parsed = auditQuery.safeParse(values);
    const staff = await auditLog.staff();
    const locals = { values, staff };
    if (!parsed.success)
      return render(
        res,
        'audit/list',
        { ...locals, errors: errorsOf(parsed.error), rows: [], olderUrl: null },
        422,
        'audit',
      );
    const { data } = parsed;
    const page = await auditLog.page({
      staffId: orUndefined(Number(data.staff)),
      action: orUndefined(data.action),
      objectType: orUndefined(data.type),
      objectId: orUndefined(data.object),
      before: orUndefined(Number(data.before)),
    });
    const names = await auditLog.names(req.language, staff);
    const reader = { t: res.locals.t as Translate, language: req.language, names };
    const rows = page.records.map((record) => auditRowView(record, reader));
    const olderUrl = page.olderThan === null ? null : pageUrl(values, page.olderThan);
    render(res, 'audit/list', { ...locals, errors: {}, rows, olderUrl }, 200, 'audit');
  };

  router.get(LOG, list);
  return router;
}
