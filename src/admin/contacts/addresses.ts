import type { Request, Response } from 'express';
import type { ReferenceService } from '../../reference/service.js';
import { actorOf, render, submitForm, withNotice, type FormState } from '../forms.js';
import { CONTACTS } from './pages.js';
import { addressField, addressesSchema, readAddresses } from './schema.js';
import type { ContactAdmin } from './service.js';

export const ADDRESSES = `${CONTACTS}/addresses`;

type AddressValues = Record<string, string>;

/**
 * Every contact's address on one page, those with a placeholder address first: a new install's
 * seeded example.org addresses are replaced at once, not one contact at a time. All or nothing.
 */
export class AddressPages {
  constructor(
    private readonly deps: {
      contacts: Pick<ContactAdmin, 'addressBook' | 'changeAddresses'>;
      reference: Pick<ReferenceService, 'parishes'>;
    },
  ) {}

  form = (req: Request, res: Response) => this.show(req, res, 200, { values: {}, errors: {} });

  save = submitForm({
    read: readAddresses,
    check: async (values) => {
      const book = await this.deps.contacts.addressBook();
      return addressesSchema(book.map((contact) => contact.id)).safeParse({ ...current(book), ...values });
    },
    save: async (addresses, req) => {
      const changed = await this.deps.contacts.changeAddresses(addresses, actorOf(req));
      return changed === 0
        ? withNotice(CONTACTS, 'unchanged')
        : `${withNotice(CONTACTS, 'addresses')}&changed=${changed}`;
    },
    show: (req, res, status, form) => this.show(req, res, status, form),
  });

  /** What was typed is shown again as typed; a field the form did not send shows the stored address. */
  private async show(req: Request, res: Response, status: number, form: FormState<AddressValues>) {
    const contacts = await this.deps.contacts.addressBook();
    render(
      res,
      'contacts/addresses',
      {
        contacts,
        parishes: await this.deps.reference.parishes(req.language),
        values: { ...current(contacts), ...form.values },
        errors: form.errors,
      },
      status,
    );
  }
}

const current = (contacts: readonly { id: number; email: string }[]): AddressValues =>
  Object.fromEntries(contacts.map((contact) => [addressField(contact.id), contact.email]));
