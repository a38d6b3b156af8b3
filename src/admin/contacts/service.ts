import type { Knex } from 'knex';
import type { AuditRepository } from '../../audit/repository.js';
import type { ContactFields, ContactRecord, ContactRepository } from '../../contacts/repository.js';
import { isPlaceholderAddress } from '../../mail/address.js';
import { NotFoundError } from '../../web/errors.js';
import { FormProblem, type Actor } from '../forms.js';

const auditView = ({ id: _id, ...contact }: ContactRecord) => contact;

/** The municipality's contacts: who routing sends reports to, and whose address bounces. */
export class ContactAdmin {
  constructor(
    private readonly deps: {
      knex: Knex;
      contacts: Pick<
        ContactRepository,
        'all' | 'record' | 'insert' | 'update' | 'clearBouncing' | 'countBouncing' | 'countPlaceholders'
      >;
      audit: Pick<AuditRepository, 'append'>;
      clock: () => Date;
    },
  ) {}

  list(): Promise<ContactRecord[]> {
    return this.deps.contacts.all();
  }

  countBouncing(): Promise<number> {
    return this.deps.contacts.countBouncing();
  }

  async find(id: number): Promise<ContactRecord> {
    const contact = await this.deps.contacts.record(this.deps.knex, id);
    if (!contact) throw new NotFoundError();
    return contact;
  }

  async add(input: ContactFields & { code: string }, actor: Actor): Promise<void> {
    const { knex, contacts, audit } = this.deps;
    const now = this.deps.clock();
    await knex.transaction(async (trx) => {
      const created = await contacts.insert(trx, input, now);
      if (!created) throw new FormProblem('code', 'admin.contacts.errors.codeTaken');
      await audit.append(
        trx,
        {
          ...actor,
          action: 'contact.add',
          objectType: 'contact',
          objectId: created.id,
          after: auditView(created),
        },
        now,
      );
    });
  }

  /** A new address is not known to bounce: changing it clears the old address's mark. */
  async update(id: number, input: ContactFields, actor: Actor): Promise<void> {
    const now = this.deps.clock();
    await this.deps.knex.transaction(async (trx) => {
      const before = await this.deps.contacts.record(trx, id, true);
      if (!before) throw new NotFoundError();
      await this.change(trx, before, input, actor, now);
    });
  }

  countPlaceholders(): Promise<number> {
    return this.deps.contacts.countPlaceholders();
  }

  /** Every contact for the addresses page: those with a placeholder address first, else as listed. */
  async addressBook(): Promise<(ContactRecord & { placeholder: boolean })[]> {
    const all = (await this.deps.contacts.all()).map((contact) => ({
      ...contact,
      placeholder: isPlaceholderAddress(contact.email),
    }));
    return [
      ...all.filter((contact) => contact.placeholder),
      ...all.filter((contact) => !contact.placeholder),
    ];
  }

  /**
   * New addresses for many contacts at once, in one transaction: each contact whose address
   * differs is changed and audited as an edit of it alone is. Answers how many were changed.
   */
  async changeAddresses(addresses: readonly { id: number; email: string }[], actor: Actor): Promise<number> {
    const now = this.deps.clock();
    return this.deps.knex.transaction(async (trx) => {
      let changed = 0;
      // Rows locked in id order, as any other bulk change would lock them: never a deadlock.
      for (const { id, email } of [...addresses].sort((a, b) => a.id - b.id)) {
        const before = await this.deps.contacts.record(trx, id, true);
        if (!before) throw new NotFoundError();
        if (before.email === email) continue;
        const { id: _id, code: _code, bouncingSince: _since, ...fields } = before;
        await this.change(trx, before, { ...fields, email }, actor, now);
        changed += 1;
      }
      return changed;
    });
  }

  /** Writes a contact's new fields and their audit row; a new address clears the bouncing mark. */
  private async change(
    trx: Knex.Transaction,
    before: ContactRecord,
    input: ContactFields,
    actor: Actor,
    now: Date,
  ): Promise<void> {
    const newAddress = before.email.toLowerCase() !== input.email.toLowerCase();
    await this.deps.contacts.update(trx, before.id, input, newAddress, now);
    const after = { ...before, ...input, bouncingSince: newAddress ? null : before.bouncingSince };
    await this.deps.audit.append(
      trx,
      {
        ...actor,
        action: 'contact.update',
        objectType: 'contact',
        objectId: before.id,
        before: auditView(before),
        after: auditView(after),
      },
      now,
    );
  }

  /** The admin checked the address works again; false when it was not marked as bouncing. */
  async confirmFixed(id: number, actor: Actor): Promise<boolean> {
    const { knex, contacts, audit } = this.deps;
    const now = this.deps.clock();
    return knex.transaction(async (trx) => {
      const before = await contacts.record(trx, id, true);
      if (!before) throw new NotFoundError();
      if (!before.bouncingSince) return false;
      await contacts.clearBouncing(trx, id, now);
      await audit.append(
        trx,
        {
          ...actor,
          action: 'contact.bouncing-cleared',
          objectType: 'contact',
          objectId: id,
          before: { email: before.email, bouncingSince: before.bouncingSince },
          after: { email: before.email, bouncingSince: null },
        },
        now,
      );
      return true;
    });
  }
}
