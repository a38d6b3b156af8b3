import type { Knex } from 'knex';
import { storedAddress, storedBanValue } from '../src/mail/address-key.js';

export const name = '20270110020000_addresses_stored_one_form';

/*
 * Every address is kept in one form, made by JavaScript (mail/address-key.ts storedAddress: lower
 * case, the domain in Unicode letters however it was typed), and looked up by that form: SQL's
 * lower() leaves `Ā` as it is under the C locale (PGlite), so `Ārija@ĀBOLS.example` and
 * `ārija@ābols.example` were two people on one database and one on another, and
 * `ārija@xn--bols-psa.example` a third on both. The addresses stored before are put in that form
 * here: the reporters', the people requests for help are for, volunteers' (and the new ones they
 * wait to prove), followers', alerts', the recipients of reports and of emails, the senders of mail
 * that came in, the values of bans of senders, and contacts' and staff accounts' again (20270109020000 lower-cased them, leaving
 * their domain as typed).
 *
 * Where two rows become one address under a unique index, one is kept:
 * - a report's followers and an alert's scope: the row with the person's latest word (when they last
 *   asked, confirmed or unsubscribed) stays as it is, its links in the latest email working, and
 *   the others go: one who unsubscribed in one spelling after following in another hears no more;
 * - a report's recipients: the first (they are one mailbox);
 * - a staff account: both stay as they are (two accounts, told apart only by case, are an admin's to
 *   sort out; 20270109020000 did the same).
 */

/** The rows whose address may not be in its kept form: anything but lower-case ASCII, or punycode. */
const mayChange = (knex: Knex, column: string) =>
  knex.raw(`(?? ~ '[^a-z0-9.@_+-]' or ?? like '%xn--%')`, [column, column]);

/** Puts `column` of `table` (rows told by `key`) in its kept form, where no unique index holds it. */
async function keepForm(
  knex: Knex,
  table: string,
  key: string,
  column: string,
  form: (value: string) => string = storedAddress,
): Promise<void> {
  const rows = (await knex(table)
    .whereNotNull(column)
    .where(mayChange(knex, column))
    .select({ key, address: column })) as { key: number; address: string }[];
  for (const row of rows) {
    const kept = form(row.address);
    if (kept !== row.address)
      await knex(table)
        .where(key, row.key)
        .update({ [column]: kept });
  }
}

interface Said {
  id: number;
  email: string;
  created_at: Date;
  confirmed_at: Date | null;
  unsubscribed_at: Date | null;
}

/** When the person last said something of this row: asked, confirmed or unsubscribed. */
const lastWord = (row: Said) =>
  Math.max(...[row.created_at, row.confirmed_at, row.unsubscribed_at].map((at) => (at ? at.getTime() : 0)));

/**
 * Rows grouped by `scope` and kept address: of each group the row with the latest word stays (its
 * address in kept form), the others are deleted.
 */
async function mergeSaid<T extends Said>(
  knex: Knex,
  table: string,
  rows: readonly T[],
  scope: (row: T) => string,
) {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = `${scope(row)}\n${storedAddress(row.email)}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const group of groups.values()) {
    const kept = group.reduce((a, b) =>
      lastWord(b) > lastWord(a) || (lastWord(b) === lastWord(a) && b.id > a.id) ? b : a,
    );
    const gone = group.filter((row) => row !== kept).map((row) => row.id);
    if (gone.length > 0) await knex(table).whereIn('id', gone).delete();
    const email = storedAddress(kept.email);
    if (email !== kept.email) await knex(table).where({ id: kept.id }).update({ email });
  }
}

/** The reports with a follower (or recipient) whose address may change: all their rows, to group. */
const touchedReports = async (knex: Knex, table: string) =>
  (await knex(table).where(mayChange(knex, 'email')).distinct('report_id').pluck('report_id')) as number[];

async function followers(knex: Knex): Promise<void> {
  const reports = await touchedReports(knex, 'subscriptions');
  for (let at = 0; at < reports.length; at += 500) {
    const rows = (await knex('subscriptions').whereIn('report_id', reports.slice(at, at + 500))) as (Said & {
      report_id: number;
    })[];
    await mergeSaid(knex, 'subscriptions', rows, (row) => String(row.report_id));
  }
}

async function alerts(knex: Knex): Promise<void> {
  // One alert per address and scope (alerts_scope_unique): every alert, as a partner may be in kept form already.
  type AlertRow = Said & {
    apvieniba_code: string | null;
    parish_code: string | null;
    category_code: string | null;
  };
  const rows = (await knex('alerts')) as AlertRow[];
  await mergeSaid(knex, 'alerts', rows, (alert) =>
    [alert.apvieniba_code, alert.parish_code, alert.category_code].map((code) => code ?? '').join('\n'),
  );
}

async function recipients(knex: Knex): Promise<void> {
  const reports = await touchedReports(knex, 'report_recipients');
  for (let at = 0; at < reports.length; at += 500) {
    const rows = (await knex('report_recipients')
      .whereIn('report_id', reports.slice(at, at + 500))
      .orderBy('id')
      .select('id', 'report_id', 'email')) as { id: number; report_id: number; email: string }[];
    const first = new Map<string, number>();
    for (const row of rows) {
      const email = storedAddress(row.email);
      const key = `${row.report_id}\n${email}`;
      if (first.has(key)) await knex('report_recipients').where({ id: row.id }).delete();
      else {
        first.set(key, row.id);
        if (email !== row.email) await knex('report_recipients').where({ id: row.id }).update({ email });
      }
    }
  }
}

async function staff(knex: Knex): Promise<void> {
  const rows = (await knex('staff_members').select('id', 'email')) as { id: number; email: string }[];
  const accounts = new Map<string, number>();
  for (const row of rows)
    accounts.set(storedAddress(row.email), (accounts.get(storedAddress(row.email)) ?? 0) + 1);
  for (const row of rows) {
    const email = storedAddress(row.email);
    if (email !== row.email && accounts.get(email) === 1)
      await knex('staff_members').where({ id: row.id }).update({ email });
  }
}

export async function up(knex: Knex): Promise<void> {
  await keepForm(knex, 'contacts', 'id', 'email');
  await staff(knex);
  await keepForm(knex, 'reports', 'id', 'reporter_email');
  await keepForm(knex, 'help_requests', 'report_id', 'subject_email');
  await keepForm(knex, 'help_offers', 'id', 'email');
  await keepForm(knex, 'help_offers', 'id', 'pending_email');
  await keepForm(knex, 'outbox', 'id', 'to_email');
  await keepForm(knex, 'inbound_messages', 'id', 'from_email');
  await keepForm(knex, 'banned_senders', 'id', 'value', storedBanValue);
  await recipients(knex);
  await followers(knex);
  await alerts(knex);
}

export async function down(): Promise<void> {
  // The case and the domain's spelling an address was typed in are not kept: nothing to undo.
}
