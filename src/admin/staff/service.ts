import type { Knex } from 'knex';
import type { AuditRepository } from '../../audit/repository.js';
import type { ContactRecord, ContactRepository } from '../../contacts/repository.js';
import type { StaffAuthRepository } from '../../staff/auth/repository.js';
import { StaffError, type StaffDirectory } from '../../staff/directory.js';
import type { StaffRepository } from '../../staff/repository.js';
import type { StaffMember } from '../../staff/types.js';
import type { MailQueue } from '../../mail/outbox.js';
import { ForbiddenError, NotFoundError } from '../../web/errors.js';
import { FormProblem, type Actor } from '../forms.js';
import type { NewStaffInput, StaffInput } from './schema.js';

/** A staff member with their routing contacts, as the admin's list and form show them. */
export interface StaffEntry {
  member: StaffMember;
  contacts: ContactRecord[];
}

const ADD_PROBLEMS: Record<StaffError['code'], [string, string]> = {
  email: ['email', 'admin.errors.email'],
  exists: ['email', 'admin.staff.errors.exists'],
  contact: ['contacts', 'admin.errors.choose'],
  name: ['name', 'admin.errors.required'],
};

const auditView = (member: StaffMember, contacts: readonly string[]) => ({
  email: member.email,
  name: member.name,
  role: member.role,
  language: member.language,
  active: member.active,
  contacts,
});

/**
 * Staff members: added through the directory, edited here. Deactivating someone ends every session
 * they have; an admin can neither deactivate nor demote themselves, so the workspace always keeps
 * the admin who is using it.
 */
export class StaffAdmin {
  constructor(
    private readonly deps: {
      knex: Knex;
      staff: Pick<
        StaffRepository,
        'list' | 'byId' | 'update' | 'contactsOf' | 'setContacts' | 'contactIdsByStaff'
      >;
      directory: Pick<StaffDirectory, 'add'>;
      sessions: Pick<StaffAuthRepository, 'revokeAllSessions' | 'replaceRecoveryCodes' | 'cancelLinks'>;
      mail: Pick<MailQueue, 'enqueue'>;
      contacts: Pick<ContactRepository, 'all'>;
      audit: Pick<AuditRepository, 'append'>;
      clock: () => Date;
    },
  ) {}

  async list(): Promise<StaffEntry[]> {
    const [members, links, contacts] = await Promise.all([
      this.deps.staff.list(),
      this.deps.staff.contactIdsByStaff(),
      this.contactsById(),
    ]);
    return members.map((member) => ({
      member,
      contacts: (links.get(member.id) ?? []).flatMap((id) => contacts.get(id) ?? []),
    }));
  }

  async find(id: number): Promise<StaffEntry> {
    const member = await this.deps.staff.byId(id);
    if (!member) throw new NotFoundError();
    const [own, contacts] = await Promise.all([this.deps.staff.contactsOf(id), this.contactsById()]);
    return { member, contacts: own.flatMap((contact) => contacts.get(contact.id) ?? []) };
  }

  async add(input: NewStaffInput, actor: Actor): Promise<void> {
    try {
      await this.deps.directory.add({ ...input, contactCodes: input.contacts }, actor.staffId, actor.ip);
    } catch (error) {
      if (!(error instanceof StaffError)) throw error;
      throw new FormProblem(...ADD_PROBLEMS[error.code]);
    }
  }

  async update(id: number, input: StaffInput, actor: Actor): Promise<void> {
    if (id === actor.staffId && input.role !== 'admin')
      throw new FormProblem('role', 'admin.staff.errors.selfRole');
    if (id === actor.staffId && !input.active)
      throw new FormProblem('active', 'admin.staff.errors.selfActive');
    const { knex, staff, audit } = this.deps;
    const contacts = await this.contactsById();
    const codeOf = (contactId: number) => contacts.get(contactId)?.code ?? String(contactId);
    const byCode = new Map([...contacts.values()].map((contact) => [contact.code, contact.id]));
    const contactIds = input.contacts.map((code) => byCode.get(code));
    if (contactIds.some((contactId) => contactId === undefined))
      throw new FormProblem('contacts', 'admin.errors.choose');
    const now = this.deps.clock();
    await knex.transaction(async (trx) => {
      const before = await staff.byId(id, trx);
      if (!before) throw new NotFoundError();
      const beforeContacts = (await staff.contactsOf(id, trx)).map((contact) => codeOf(contact.id));
      const changes = { name: input.name, role: input.role, language: input.language, active: input.active };
      await staff.update(trx, id, changes, now);
      await staff.setContacts(trx, id, contactIds as number[]);
      const deactivated = before.active && !input.active;
      // A link emailed before would otherwise still sign them in once they are active again.
      if (deactivated) {
        await this.deps.sessions.revokeAllSessions(trx, id, now);
        await this.deps.sessions.cancelLinks(trx, id);
      }
      const after = {
        ...auditView({ ...before, ...changes }, input.contacts),
        ...(deactivated ? { sessionsRevoked: true, signInLinksCancelled: true } : {}),
      };
      await audit.append(
        trx,
        {
          ...actor,
          action: 'staff.update',
          objectType: 'staff',
          objectId: id,
          before: auditView(before, beforeContacts),
          after,
        },
        now,
      );
    });
  }

  /**
   * For a member who lost their phone and recovery codes: the authenticator and the codes go,
   * every session ends, and the next sign-in by the emailed link enrols a new phone. The member
   * is told by email, so a reset they did not ask for does not go unnoticed. Never one's own: a
   * second admin decides that.
   */
  async resetTwoFactor(id: number, actor: Actor): Promise<void> {
    if (id === actor.staffId) throw new ForbiddenError('self', 'admin.staff.twoFactor.self');
    const { knex, staff, sessions, audit, mail } = this.deps;
    const now = this.deps.clock();
    await knex.transaction(async (trx) => {
      const member = await staff.byId(id, trx);
      if (!member) throw new NotFoundError();
      await staff.update(
        trx,
        id,
        {
          totp_secret: null,
          totp_pending_secret: null,
          totp_enrolled_at: null,
          totp_last_step: null,
          failed_codes: 0,
          locked_until: null,
        },
        now,
      );
      await sessions.replaceRecoveryCodes(trx, id, []);
      await sessions.revokeAllSessions(trx, id, now);
      // A link sent before the reset would now enrol a phone: only one asked for after it may.
      await sessions.cancelLinks(trx, id);
      await audit.append(
        trx,
        {
          ...actor,
          action: 'staff.two-factor-reset',
          objectType: 'staff',
          objectId: id,
          before: { enrolled: member.enrolled },
          after: { enrolled: false, sessionsRevoked: true },
        },
        now,
      );
      await mail.enqueue(trx, {
        kind: 'staff-two-factor-reset',
        to: { email: member.email, name: member.name },
        language: member.language,
        template: 'staff-two-factor-reset',
        data: { name: member.name },
      });
    });
  }

  private async contactsById(): Promise<Map<number, ContactRecord>> {
    return new Map((await this.deps.contacts.all()).map((contact) => [contact.id, contact]));
  }
}
