import type { Knex } from 'knex';

/*
 * A resident's right of access (GDPR art. 15) for the address of a reporter, a follower or an alert
 * subscriber: what Tilts keeps about `address` (storedAddress's form, lower case, looked up as the
 * erasure looks it up), its own rows only. Another follower's address, a clerk's or staff's words,
 * a staff member's internal note: none are read here. Requests for help and volunteers' offers have
 * their own export (their staff pages), so are not repeated.
 */

type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export interface AddressData {
  /** Every report the address sent, private and unconfirmed ones too, with its words and place as kept. */
  reports: Row[];
  /** What it wrote on reports: its updates as their reporter, and its replies by email as a follower. */
  updates: Row[];
  /** Its follows of reports. */
  follows: Row[];
  /** Its alert subscriptions. */
  alerts: Row[];
  /** The emails Tilts sent to it that are still kept: when, what kind, the subject. */
  emails: Row[];
  /** The mail that came from it: when, the subject, what became of it. */
  mail: Row[];
}

/** A date as ISO 8601 in UTC; every other value as it is. */
const plain = (row: Record<string, unknown>): Row =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      value instanceof Date ? value.toISOString() : (value as Value),
    ]),
  );

const rows = async (query: Knex.QueryBuilder): Promise<Row[]> =>
  ((await query) as Record<string, unknown>[]).map(plain);

/** The address's data, oldest first in each list. */
export async function addressData(knex: Knex, address: string): Promise<AddressData> {
  const reports = await rows(
    knex('reports')
      .whereRaw('lower(reporter_email) = ?', [address])
      .orderBy('created_at')
      .orderBy('id')
      .select({
        ref: 'ref',
        created_at: 'created_at',
        confirmed_at: 'confirmed_at',
        category: 'category_code',
        parish: 'parish_code',
        status: 'status',
        close_reason: 'close_reason',
        private: 'is_private',
        title: 'title',
        description: 'description',
        location: 'location',
        lat: 'lat',
        lon: 'lon',
        reporter_name: 'reporter_name',
        reporter_phone: 'reporter_phone',
        name_shown: 'show_name',
        language: 'language',
        source: 'source',
        withdrawn_at: 'withdrawn_at',
        emails_stopped_at: 'reporter_unsubscribed_at',
      }),
  );
  // Its updates as the reporter of its own reports, and what it wrote by email to any report (a
  // follower's reply): found by the mail it came in, never by a name another may share.
  const asReporter = knex('report_updates as u')
    .join('reports as r', 'r.id', 'u.report_id')
    .where('u.author_kind', 'reporter')
    .whereRaw('lower(r.reporter_email) = ?', [address])
    .select('u.id');
  const byMail = knex('inbound_messages as m')
    .join('report_updates as u', 'u.id', 'm.update_id')
    .whereIn('u.author_kind', ['reporter', 'subscriber'])
    .whereRaw('lower(m.from_email) = ?', [address])
    .select('u.id');
  const updates = await rows(
    knex('report_updates as u')
      .join('reports as r', 'r.id', 'u.report_id')
      .whereIn('u.id', asReporter.union(byMail))
      .orderBy('u.created_at')
      .orderBy('u.id')
      .select({
        report: 'r.ref',
        created_at: 'u.created_at',
        as: 'u.author_kind',
        channel: 'u.channel',
        from_status: 'u.from_status',
        to_status: 'u.to_status',
        text: 'u.public_text',
        public: 'u.is_public',
        hidden_at: 'u.hidden_at',
      }),
  );
  const follows = await rows(
    knex('subscriptions as s')
      .join('reports as r', 'r.id', 's.report_id')
      .whereRaw('lower(s.email) = ?', [address])
      .orderBy('s.created_at')
      .orderBy('s.id')
      .select({
        report: 'r.ref',
        since: 's.created_at',
        name: 's.name',
        language: 's.language',
        origin: 's.origin',
        confirmed_at: 's.confirmed_at',
        unsubscribed_at: 's.unsubscribed_at',
      }),
  );
  const alerts = await rows(
    knex('alerts').whereRaw('lower(email) = ?', [address]).orderBy('created_at').orderBy('id').select({
      since: 'created_at',
      apvieniba: 'apvieniba_code',
      parish: 'parish_code',
      category: 'category_code',
      frequency: 'frequency',
      language: 'language',
      confirmed_at: 'confirmed_at',
      unsubscribed_at: 'unsubscribed_at',
      last_digest_at: 'last_digest_at',
    }),
  );
  const emails = await rows(
    knex('outbox as o')
      .leftJoin('reports as r', 'r.id', 'o.report_id')
      .whereRaw('lower(o.to_email) = ?', [address])
      .orderBy('o.created_at')
      .orderBy('o.id')
      .select({
        created_at: 'o.created_at',
        sent_at: 'o.sent_at',
        kind: 'o.kind',
        report: 'r.ref',
        subject: 'o.subject',
        status: 'o.status',
      }),
  );
  const mail = await rows(
    knex('inbound_messages as m')
      .leftJoin('reports as r', 'r.id', 'm.report_id')
      .whereRaw('lower(m.from_email) = ?', [address])
      .orderBy('m.received_at')
      .orderBy('m.id')
      .select({
        received_at: 'm.received_at',
        subject: 'm.subject',
        report: 'r.ref',
        outcome: 'm.outcome',
      }),
  );
  return { reports, updates, follows, alerts, emails, mail };
}
