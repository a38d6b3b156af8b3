import type { Request, RequestHandler, Response } from 'express';
import { isPlaceholderAddress } from '../../mail/address.js';
import type { ReferenceService } from '../../reference/service.js';
import { actorOf, changedOf, idParam, noticeOf, render, withNotice, type FormState } from '../forms.js';
import { addAndEditForms } from '../record-forms.js';
import {
  blankContact,
  contactSchema,
  contactValues,
  newContactSchema,
  readContact,
  type ContactValues,
} from './schema.js';
import type { ContactAdmin } from './service.js';

export const CONTACTS = '/staff/admin/contacts';

/** The contact pages: the list (or only the bouncing ones), adding, editing, "the address works again". */
export class ContactPages {
  readonly create: RequestHandler;
  readonly update: RequestHandler;

  constructor(
    private readonly deps: {
      contacts: ContactAdmin;
      reference: Pick<ReferenceService, 'apvienibas' | 'parishes'>;
    },
  ) {
    ({ create: this.create, update: this.update } = addAndEditForms(CONTACTS, deps.contacts, {
      read: readContact,
      check: { codes: () => this.parishCodes(), added: newContactSchema, edited: contactSchema },
      show: (req, res, status, form) => this.show(req, res, status, form),
    }));
  }

  list = async (req: Request, res: Response) => {
    const bouncingOnly = req.query.bouncing === '1';
    const all = await this.deps.contacts.list();
    render(res, 'contacts/list', {
      contacts: bouncingOnly ? all.filter((contact) => contact.bouncingSince) : all,
      bouncingOnly,
      isPlaceholder: isPlaceholderAddress,
      parishes: await this.deps.reference.parishes(req.language),
      notice: noticeOf(req),
      noticeVars: { count: changedOf(req) },
    });
  };

  newForm = (req: Request, res: Response) => this.show(req, res, 200, { values: blankContact(), errors: {} });

  editForm = async (req: Request, res: Response) => {
    const contact = await this.deps.contacts.find(idParam(req.params.id));
    await this.show(req, res, 200, { values: contactValues(contact), errors: {} });
  };

  fixed = async (req: Request, res: Response) => {
    await this.deps.contacts.confirmFixed(idParam(req.params.id), actorOf(req));
    res.redirect(303, withNotice(CONTACTS, 'fixed'));
  };

  private async parishCodes() {
    return new Set((await this.deps.reference.parishes()).map((parish) => parish.code));
  }

  private async show(req: Request, res: Response, status: number, form: FormState<ContactValues>) {
    const contact =
      req.params.id === undefined ? null : await this.deps.contacts.find(idParam(req.params.id));
    const apvienibas = await this.deps.reference.apvienibas(req.language);
    render(res, 'contacts/form', { contact, apvienibas, ...form }, status);
  }
}
