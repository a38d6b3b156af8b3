import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { auditOf, staffBrowser } from './moderation-helpers.js';

const PAGE = '/staff/admin/erase-subscriber';
const EXPORT = `${PAGE}/export`;
// Kept in one form (storedAddress); typed by the admin in another spelling of the same address.
const EMAIL = 'anna.berzina@ābols.example';
const TYPED = 'Anna.Berzina@XN--BOLS-PSA.example';
const NEIGHBOUR = 'kaimins@example.org';

interface Exported {
  address: string;
  reports: Record<string, unknown>[];
  updates: Record<string, unknown>[];
  follows: Record<string, unknown>[];
  alerts: Record<string, unknown>[];
  emails: Record<string, unknown>[];
  mail: Record<string, unknown>[];
}

/**
 * A resident's right of access (GDPR art. 15) as a reporter, a follower or an alert subscriber: an
 * administrator finds the address and downloads what Tilts keeps about it, their own rows only.
 */
describe('an administrator exports what Tilts keeps about an address, on the resident’s request', () => {
  let context: TestContext;
  let admin: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
  });

  /** Anna's reports, words, follow, alert, emails and mail; the neighbour's beside them. */
  async function seed() {
    const { services } = context;
    const { knex } = services;
    const own = (
      await makeReport(services, {
        email: EMAIL,
        title: 'Annas bedre',
        description: 'Annas vārdi.',
        showName: true,
      })
    ).report;
    const asked = (
      await makeReport(services, { email: EMAIL, category: 'elderly-help', title: 'Annas malka' })
    ).report;
    const other = (
      await makeReport(services, { email: NEIGHBOUR, title: 'Kaimiņa bedre', description: 'Kaimiņa vārdi.' })
    ).report;
    const now = new Date();
    await knex('report_updates').insert([
      { report_id: own.id, author_kind: 'reporter', channel: 'web', public_text: 'Annas papildinājums.' },
      { report_id: other.id, author_kind: 'reporter', channel: 'web', public_text: 'Kaimiņa papildinājums.' },
      { report_id: other.id, author_kind: 'recipient', channel: 'email', public_text: 'Pagasta atbilde.' },
    ]);
    const [reply] = (await knex('report_updates')
      .insert({
        report_id: other.id,
        author_kind: 'subscriber',
        channel: 'email',
        public_text: 'Annas atbilde.',
      })
      .returning('id')) as { id: number }[];
    await knex('inbound_messages').insert([
      {
        dedupe_key: 'anna-1',
        source: 'smtp',
        from_email: EMAIL,
        subject: 'Re: Kaimiņa bedre',
        report_id: other.id,
        update_id: reply!.id,
        outcome: 'applied',
      },
      {
        dedupe_key: 'kaimins-1',
        source: 'smtp',
        from_email: NEIGHBOUR,
        subject: 'Kaimiņa vēstule',
        outcome: 'held',
      },
    ]);
    await knex('subscriptions').insert([
      { report_id: other.id, email: EMAIL, confirmed_at: now, origin: 'joined' },
      { report_id: own.id, email: NEIGHBOUR, confirmed_at: now },
    ]);
    await knex('alerts').insert([
      {
        email: EMAIL,
        language: 'lv',
        parish_code: 'kaunatas',
        frequency: 'daily',
        created_at: now,
        confirmed_at: now,
      },
      { email: NEIGHBOUR, language: 'lv', parish_code: 'maltas', frequency: 'immediate', created_at: now },
    ]);
    const mail = (to: string, subject: string) => ({
      message_id: `<${subject}@tilts.test>`,
      kind: 'report-update',
      report_id: other.id,
      to_email: to,
      language: 'lv',
      subject,
      text_body: 'x',
      html_body: 'x',
      status: 'sent',
    });
    await knex('outbox').insert([
      mail(EMAIL, 'Annai-atjauninajums'),
      mail(NEIGHBOUR, 'Kaiminam-atjauninajums'),
    ]);
    return { own, asked, other };
  }

  const exported = async (email: string, format: 'json' | 'csv' = 'json') =>
    postForm(admin, `${EXPORT}?lang=en`, { email, format }).set('Sec-Fetch-Site', 'same-origin').expect(200);

  it('gives the address’s reports, words, follows, alerts, emails and mail, and nobody else’s', async () => {
    const { own, asked, other } = await seed();
    const found = await postForm(admin, `${PAGE}?lang=en`, { email: EMAIL }).expect(200);
    assert.match(found.text, /data-qa="export-form"/);
    assert.match(found.text, new RegExp(`action="${EXPORT}\\?lang=en"`));

    const res = await exported(EMAIL);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="address-data-[\d-]+\.json"$/,
    );
    assert.match(String(res.headers['cache-control']), /no-store/);
    const data = JSON.parse(res.text) as Exported;
    assert.equal(data.address, EMAIL);
    assert.deepEqual(
      data.reports.map((report) => [report.ref, report.title, report.private, report.name_shown]),
      [
        [own.ref, 'Annas bedre', false, true],
        [asked.ref, 'Annas malka', true, false],
      ],
    );
    assert.equal(data.reports[0]!.description, 'Annas vārdi.');
    assert.equal(data.reports[0]!.location, 'Skolas iela 1');
    assert.equal(data.reports[0]!.category, 'roads');
    assert.equal(data.reports[0]!.parish, 'kaunatas');
    assert.ok(data.reports[0]!.status);
    assert.deepEqual(
      data.updates
        // Their confirming a report is theirs too (a step without words).
        .filter((update) => update.text !== null)
        .map((update) => [update.report, update.as, update.text]),
      [
        [own.ref, 'reporter', 'Annas papildinājums.'],
        [other.ref, 'subscriber', 'Annas atbilde.'],
      ],
    );
    assert.deepEqual(
      data.follows.map((follow) => [
        follow.report,
        follow.origin,
        Boolean(follow.confirmed_at),
        follow.unsubscribed_at,
      ]),
      [[other.ref, 'joined', true, null]],
    );
    assert.deepEqual(
      data.alerts.map((alert) => [alert.parish, alert.frequency]),
      [['kaunatas', 'daily']],
    );
    assert.ok(
      data.emails.some((email) => email.subject === 'Annai-atjauninajums' && email.kind === 'report-update'),
    );
    assert.deepEqual(
      data.mail.map((mail) => [mail.subject, mail.report, mail.outcome]),
      [['Re: Kaimiņa bedre', other.ref, 'applied']],
    );
    // Nobody else's: not the neighbour's address, words, emails or mail, nor the parish's answer.
    for (const theirs of [
      NEIGHBOUR,
      'Kaimiņa vārdi',
      'Kaimiņa papildinājums',
      'Kaimiņa vēstule',
      'Kaiminam',
      'Pagasta atbilde',
    ])
      assert.ok(!res.text.includes(theirs), `${theirs} is not Anna's`);

    const csv = await exported(EMAIL, 'csv');
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(
      String(csv.headers['content-disposition']),
      /^attachment; filename="address-data-[\d-]+\.csv"$/,
    );
    assert.match(csv.text, /^\uFEFF"part","item","field","value"\r\n/);
    assert.match(csv.text, /"reports","2","title","Annas malka"/);
    assert.match(csv.text, /"follows","1","origin","joined"/);
    assert.ok(!csv.text.includes(NEIGHBOUR));
  });

  it('gives the same data for another spelling of the address, and records who, never the address', async () => {
    await seed();
    const typed = JSON.parse((await exported(TYPED)).text) as Exported & { exportedAt: string };
    const kept = JSON.parse((await exported(EMAIL)).text) as Exported & { exportedAt: string };
    assert.ok(typed.reports.length === 2 && typed.follows.length === 1 && typed.mail.length === 1);
    assert.deepEqual({ ...typed, exportedAt: null }, { ...kept, exportedAt: null });
    const audit = await context.services
      .knex('audit_log')
      .where({ action: 'subscriber.export' })
      .orderBy('id');
    assert.equal(audit.length, 2);
    assert.equal(audit[0].staff_id, admin.member.id);
    assert.equal(await auditOf(context, 'subscriber.export').then((rows) => rows.length), 2);
    const logged = JSON.stringify(audit);
    assert.ok(!logged.toLowerCase().includes('anna'), 'the address is not in the audit log');
    assert.ok(!logged.includes('xn--bols'), 'the address is not in the audit log');
  });

  it('refuses other staff, a download started from another site, and a format it does not make', async () => {
    await seed();
    for (const role of ['moderator', 'social_worker', 'parish_clerk'] as const) {
      const member = await staffBrowser(context, role);
      const res = await postForm(member, EXPORT, { email: EMAIL, format: 'json' }).set(
        'Sec-Fetch-Site',
        'same-origin',
      );
      assert.equal(res.status, 403, role);
      assert.ok(!res.text.includes('Annas'), role);
    }
    const elsewhere = await postForm(admin, EXPORT, { email: EMAIL, format: 'json' }).set(
      'Sec-Fetch-Site',
      'cross-site',
    );
    assert.equal(elsewhere.status, 403);
    assert.ok(!elsewhere.text.includes('Annas'));
    await postForm(admin, EXPORT, { email: EMAIL, format: 'xml' })
      .set('Sec-Fetch-Site', 'same-origin')
      .expect(404);
    await postForm(admin, EXPORT, { email: 'nav adrese', format: 'json' }).expect(422);
    assert.equal((await context.services.knex('audit_log').where({ action: 'subscriber.export' })).length, 0);
  });
});
