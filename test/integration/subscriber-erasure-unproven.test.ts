import assert from 'node:assert/strict';
import request from 'supertest';
import { createPhotoStorage } from '../../src/uploads/choose-storage.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { confirmedOffer, encode, lastEmail, offerFields } from './help-offers-helpers.js';
import { staffBrowser } from './moderation-helpers.js';

const PAGE = '/staff/admin/erase-subscriber';
const EMAIL = 'anna.berzina@example.org';
const NEIGHBOUR = 'kaimins@example.org';

/** The items of one list of the page, as their inner HTML. */
const items = (html: string, qa: string): string[] => {
  const list = new RegExp(`<ul data-qa="${qa}">([\\s\\S]*?)</ul>`).exec(html);
  return list ? [...list[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((item) => item[1]!.trim()) : [];
};

/**
 * What an address never proved holds it too, and no other page erases it: the reports it sent and
 * never confirmed (and one asking help for it), which its reporter-erasure page refuses, and a
 * volunteer's offer waiting for it to be confirmed as its new address. Erasing the address takes
 * them: the reports are deleted with their photos and emails, as the 14-day purge would, and the
 * offer keeps its own proven address. The page lists them first, with no link to a page that
 * refuses, and says how many went.
 */
describe('erasing an address takes its unconfirmed reports and an offer’s new address waiting for it', () => {
  let context: TestContext;
  let admin: StaffBrowser;
  let own: { ref: string; photoKeys: string[] };
  let forHer: string;
  let neighbours: string;
  let confirmed: string;
  let offer: number;
  let offerLink: string;

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
    const { services } = context;
    const { knex } = services;
    const made = await makeReport(services, {
      email: 'Anna.Berzina@Example.org',
      title: 'Neapstiprināta bedre',
      confirmed: false,
      photos: 1,
    });
    own = { ref: made.report.ref, photoKeys: made.photoKeys };
    // A neighbour's unconfirmed request for help for her, and one of the neighbour's own.
    const request_ = await makeReport(services, {
      email: NEIGHBOUR,
      category: 'elderly-help',
      title: 'Vajag malku',
      description: 'Annai Bērziņai vajag malku.',
      confirmed: false,
    });
    await knex('help_requests').insert({
      report_id: request_.report.id,
      for_whom: 'other',
      subject_knows: 'yes',
      subject_name: 'Anna Bērziņa',
      subject_email: 'ANNA.berzina@example.org',
      kinds: 'shopping',
      wants: 'volunteer',
      days: 'sat',
      times: '',
      speaks: 'lv',
      created_at: services.clock(),
    });
    forHer = request_.report.ref;
    neighbours = (await makeReport(services, { email: NEIGHBOUR, title: 'Kaimiņa bedre', confirmed: false }))
      .report.ref;
    confirmed = (await makeReport(services, { email: EMAIL, title: 'Apstiprināta bedre' })).report.ref;
    // A volunteer who typed her address as their new one: it waits for its link to be opened.
    const volunteer = await confirmedOffer(context.app, knex, { email: 'veca@example.lv' });
    offer = volunteer.id;
    const token = new URL(volunteer.manage, 'http://x').searchParams.get('token')!;
    await request(context.app)
      .post(`/help/offers/${offer}`)
      .type('form')
      .send(encode({ ...offerFields({ email: 'Anna.Berzina@example.org' }), token }))
      .expect(303);
    offerLink = /http:\/\/tilts\.test(\/help\/offers\/email\/[^\s?"]+)/.exec(
      (await lastEmail(knex, 'help-offer-email', 'Anna.Berzina@example.org')).text_body,
    )![1]!;
  });

  it('lists them, the reports by number with no link, and counts them', async () => {
    for (const [lang, said] of [
      ['en', '(unconfirmed)'],
      ['lv', '(neapstiprināts)'],
      ['ru', '(не подтверждено)'],
    ] as const) {
      const found = await postForm(admin, `${PAGE}?lang=${lang}`, { email: EMAIL }).expect(200);
      assert.match(found.text, /data-qa="holds-unconfirmed">2</);
      assert.match(found.text, /data-qa="holds-pending">1</);
      assert.deepEqual(
        items(found.text, 'filed-unconfirmed').sort(),
        [`${forHer} ${said}`, `${own.ref} ${said}`].sort(),
      );
      const [pending] = items(found.text, 'filed-pending-offers');
      assert.match(pending!, new RegExp(`^<a href="/staff/help/offers/${offer}">`));
      assert.doesNotMatch(found.text, new RegExp(neighbours!), 'the neighbour’s own is not hers');
      // Nothing else to erase: the box to tick is there all the same.
      assert.match(found.text, /data-qa="erase-subscriber-form"/);
      assert.doesNotMatch(found.text, /data-qa="none-found"/);
    }
    const found = await postForm(admin, `${PAGE}?lang=en`, { email: EMAIL }).expect(200);
    assert.match(found.text, /Erased with the address/);
    // The offer's page opens for an administrator; no report's words are shown.
    await admin.agent.get(`/staff/help/offers/${offer}?lang=en`).expect(200);
    assert.doesNotMatch(found.text, /Neapstiprināta bedre|Vajag malku/);
  });

  it('deletes the reports with their photos and emails, and drops the offer’s waiting address', async () => {
    const { knex } = context.services;
    const toHer = () => knex('outbox').whereRaw('lower(to_email) = ?', [EMAIL]);
    // Sent, but the newest still waiting to go (a sent one keeps its row, a waiting one is deleted).
    const waiting = ((await toHer().max('id as id').first()) as { id: number }).id;
    await knex('outbox').whereNot({ id: waiting }).update({ status: 'sent', sent_at: new Date() });
    // Her unconfirmed report's email came back: the receiving server's answer names her.
    await toHer()
      .whereIn('report_id', knex('reports').where({ ref: own.ref }).select('id'))
      .update({ last_error: `550 <${EMAIL}>: mailbox full` });
    const done = await postForm(admin, `${PAGE}/confirm?lang=en`, { email: EMAIL, confirm: '1' }).expect(303);
    assert.equal(
      done.headers.location,
      `${PAGE}?follows=0&alerts=0&emails=0&unconfirmedReports=2&pendingAddresses=1&lang=en`,
    );
    const page = (await admin.agent.get(done.headers.location!).expect(200)).text;
    assert.match(page, /Unconfirmed reports deleted: 2\./);
    assert.match(page, /Unconfirmed new addresses of offers dropped: 1\./);
    // The reports are gone, their photos too; the neighbour's own and her confirmed one stay.
    assert.deepEqual(
      (
        (await knex('reports')
          .whereIn('ref', [own.ref, forHer, neighbours, confirmed])
          .pluck('ref')) as string[]
      ).sort(),
      [confirmed, neighbours].sort(),
    );
    assert.equal(await createPhotoStorage(context.config).get(own.photoKeys[0]!), null);
    // No email keeps her address, but her confirmed report's (erased on its own page); none keeps
    // the deleted reports' words.
    const confirmedId = (await knex('reports').where({ ref: confirmed }).first('id')).id as number;
    const left = (await toHer().select('report_id')) as { report_id: number | null }[];
    assert.ok(left.length > 0);
    assert.ok(left.every((row) => row.report_id === confirmedId));
    const worded = await knex('outbox').where((words) => {
      for (const said of ['Neapstiprināta bedre', 'Vajag malku', 'Annai Bērziņai'])
        void words.orWhere('text_body', 'like', `%${said}%`).orWhere('subject', 'like', `%${said}%`);
    });
    assert.deepEqual(worded, []);
    assert.deepEqual(await knex('outbox').where('last_error', 'like', '%berzina%'), []);
    assert.equal(
      await knex('outbox').where({ id: waiting }).first(),
      undefined,
      'the waiting one is deleted',
    );
    // The deleted reports' sent emails keep their rows, with no address of hers and no words.
    const kept = (await knex('outbox').where({ to_email: 'erased@invalid' }).select('text_body')) as {
      text_body: string;
    }[];
    assert.ok(kept.length > 0);
    assert.ok(kept.every((one) => one.text_body === ''));
    // The asker of the request for her keeps their address in its email, which keeps no words.
    const asker = (await knex('outbox')
      .where({ to_email: NEIGHBOUR })
      .whereNull('report_id')
      .select('subject', 'text_body')) as { subject: string; text_body: string }[];
    assert.deepEqual(asker, [{ subject: '[erased]', text_body: '' }]);
    // The offer keeps its proven address; the link sent to hers works no more.
    const row = await knex('help_offers').where({ id: offer }).first();
    assert.equal(row.pending_email, null);
    assert.equal(row.email, 'veca@example.lv');
    assert.equal(row.erased_at, null);
    const opened = await request(context.app).get(`${offerLink}?lang=en`).expect(404);
    assert.match(opened.text, /This link does not work/);
    // The audit row says how many, never the address.
    const audit = await knex('audit_log').where({ action: 'subscriber.erase' }).first();
    const after = typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after;
    assert.equal(after.unconfirmedReports, 2);
    assert.equal(after.pendingAddresses, 1);
    assert.doesNotMatch(JSON.stringify(audit), /berzina/i);
    // Found again, nothing is left to erase.
    const again = await postForm(admin, `${PAGE}?lang=en`, { email: EMAIL }).expect(200);
    assert.match(again.text, /data-qa="none-found"/);
    assert.doesNotMatch(again.text, /data-qa="filed-erased"/);
  });
});
