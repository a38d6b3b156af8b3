import type { Request, RequestHandler, Response } from 'express';
import type { ReferenceService } from '../../reference/service.js';
import type { ContactAdmin } from '../contacts/service.js';
import type { Translate } from '../../i18n/index.js';
import { ForbiddenError } from '../../web/errors.js';
import {
  actorOf,
  confirmPage,
  confirmed,
  idParam,
  noticeOf,
  render,
  withNotice,
  type FormState,
} from '../forms.js';
import { addAndEditForms } from '../record-forms.js';
import {
  blankStaff,
  newStaffSchema,
  readStaff,
  staffSchema,
  staffValues,
  type StaffValues,
} from './schema.js';
import type { StaffAdmin } from './service.js';

export const STAFF = '/staff/admin/staff';

/** The staff pages: the list, adding someone, and each one's role, contacts and whether they may sign in. */
export class StaffPages {
  readonly create: RequestHandler;
  readonly update: RequestHandler;

  constructor(
    private readonly deps: {
      staff: StaffAdmin;
      contacts: Pick<ContactAdmin, 'list'>;
      reference: Pick<ReferenceService, 'parishes'>;
    },
  ) {
    ({ create: this.create, update: this.update } = addAndEditForms(STAFF, deps.staff, {
      read: readStaff,
      check: { codes: () => this.contactCodes(), added: newStaffSchema, edited: staffSchema },
      show: (req, res, status, form) => this.show(req, res, status, form),
    }));
  }

  list = async (req: Request, res: Response) => {
    const [entries, parishes] = await Promise.all([
      this.deps.staff.list(),
      this.deps.reference.parishes(req.language),
    ]);
    render(res, 'staff/list', { entries, parishes, notice: noticeOf(req) });
  };

  newForm = (req: Request, res: Response) => this.show(req, res, 200, { values: blankStaff(), errors: {} });

  editForm = async (req: Request, res: Response) => {
    const entry = await this.deps.staff.find(idParam(req.params.id));
    const codes = entry.contacts.map((contact) => contact.code);
    await this.show(req, res, 200, { values: staffValues(entry.member, codes), errors: {} });
  };

  resetTwoFactor = async (req: Request, res: Response) => {
    const id = idParam(req.params.id);
    if (!confirmed(req)) {
      if (id === actorOf(req).staffId) throw new ForbiddenError('self', 'admin.staff.twoFactor.self');
      const { member } = await this.deps.staff.find(id);
      const t = res.locals.t as Translate;
      return confirmPage(res, {
        heading: t('admin.staff.twoFactor.confirm.heading', { name: member.name }),
        facts: [[t('admin.staff.fields.email'), member.email]],
        paragraphs: [t('admin.staff.twoFactor.confirm.lead'), t('admin.staff.twoFactor.confirm.ask')],
        action: `${STAFF}/${id}/two-factor`,
        submit: t('admin.staff.twoFactor.confirm.submit'),
        danger: true,
        cancelHref: `${STAFF}/${id}`,
        cancelLabel: member.name,
      });
    }
    await this.deps.staff.resetTwoFactor(id, actorOf(req));
    res.redirect(303, withNotice(`${STAFF}/${id}`, 'twoFactorReset'));
  };

  private async contactCodes() {
    return new Set((await this.deps.contacts.list()).map((contact) => contact.code));
  }

  private async show(req: Request, res: Response, status: number, form: FormState<StaffValues>) {
    const entry = req.params.id === undefined ? null : await this.deps.staff.find(idParam(req.params.id));
    const [contacts, parishes] = await Promise.all([
      this.deps.contacts.list(),
      this.deps.reference.parishes(req.language),
    ]);
    const notice = noticeOf(req);
    render(res, 'staff/form', { entry, contacts, parishes, notice, ...form }, status);
  }
}
