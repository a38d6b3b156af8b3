import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { staffBrowser } from './moderation-helpers.js';

const getAs = (browser: StaffBrowser, path: string) => browser.agent.get(path);

describe('an administrator erases a public report’s reporter on their request', () => {
  let context: TestContext;
  let admin: StaffBrowser;
  const EMAIL = 'ilze.kalnina@example.org';

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
  });

  it('asks first, then takes their name and contacts from the report, its emails and follows, and keeps the rest', async () => {
    const { report } = await makeReport(context.services, {
      category: 'roads',
      parish: 'kaunatas',
      title: 'Bedre pie skolas',
      description: 'Liela bedre.',
      name: 'Ilze Kalniņa',
      email: EMAIL,
      phone: '+371 26660002',
    });
    const knex = context.services.knex;
    await knex('subscriptions').insert([
      { report_id: report.id, email: 'Ilze.Kalnina@example.org', confirmed_at: new Date() },
      { report_id: report.id, email: 'kaimins@example.org', confirmed_at: new Date() },
    ]);
    // As on a running site, the emails about it went out before she asked.
    await knex('outbox').where({ report_id: report.id }).update({ status: 'sent' });
    const sentToHer = await knex('outbox').where({ report_id: report.id, to_email: EMAIL }).count({ n: '*' });
    assert.ok(Number(sentToHer[0]!.n) > 0, 'she was emailed about her report');

    const page = await getAs(admin, `/staff/reports/${report.ref}?lang=en`).expect(200);
    assert.match(page.text, /data-qa="erase-reporter-link"/);
    const asked = await getAs(admin, `/staff/admin/reports/${report.ref}/erase-reporter?lang=en`).expect(200);
    assert.match(asked.text, /<h1>Erase the reporter’s data<\/h1>/);
    const unticked = await postForm(
      admin,
      `/staff/admin/reports/${report.ref}/erase-reporter?lang=en`,
      {},
    ).expect(422);
    assert.match(unticked.text, /Tick the box to confirm the resident asked for this\./);
    assert.equal(
      (await knex('reports').where({ id: report.id }).first()).reporter_email,
      EMAIL,
      'nothing erased yet',
    );

    await postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' })
      .expect(303)
      .expect('Location', `/staff/reports/${report.ref}?done=reporterErased&lang=en`);
    const row = await knex('reports').where({ id: report.id }).first();
    assert.deepEqual([row.reporter_name, row.reporter_email, row.reporter_phone], ['', null, null]);
    assert.deepEqual(
      (await knex('subscriptions').where({ report_id: report.id }).pluck('email')) as string[],
      ['kaimins@example.org'],
      'her follow went, a neighbour’s stayed',
    );
    const mails = await knex('outbox').where({ report_id: report.id });
    assert.ok(mails.every((mail: { to_email: string }) => mail.to_email.toLowerCase() !== EMAIL));
    assert.ok(!JSON.stringify(mails).includes('26660002'), 'no copy of a sent email kept her phone');
    // A second press finds no one left: it says so, erases and records nothing more.
    const again = await postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter?lang=en`, {
      confirm: 'yes',
    }).expect(200);
    assert.match(again.text, /There is no reporter’s data left on this report\./);
    const audit = await knex('audit_log').where({ action: 'report.reporter-erase' });
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit).includes(EMAIL), 'the audit row holds no personal data');
    await request(context.app).get(`/reports/${report.ref}`).expect(200);
    const after = await getAs(admin, `/staff/reports/${report.ref}?done=reporterErased&lang=en`).expect(200);
    assert.match(after.text, /The reporter’s data was erased\./);
    assert.doesNotMatch(after.text, /data-qa="erase-reporter-link"/);
    assert.match(
      (await getAs(admin, `/staff/admin/reports/${report.ref}/erase-reporter?lang=en`).expect(200)).text,
      /There is no reporter’s data left on this report\./,
    );
  });

  it('is for administrators, for public reports only', async () => {
    const { report } = await makeReport(context.services, { category: 'roads', parish: 'kaunatas' });
    const clerk = await staffBrowser(context, 'parish_clerk', 'kaunatas.parvalde@example.org');
    assert.doesNotMatch(
      (await getAs(clerk, `/staff/reports/${report.ref}`).expect(200)).text,
      /erase-reporter/,
    );
    await getAs(clerk, `/staff/admin/reports/${report.ref}/erase-reporter`).expect(403);
    await postForm(clerk, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(
      403,
    );
    const { report: help } = await makeReport(context.services, {
      category: 'elderly-help',
      parish: 'kaunatas',
    });
    await getAs(admin, `/staff/admin/reports/${help.ref}/erase-reporter`).expect(404);
    assert.notEqual(
      (await context.services.knex('reports').where({ id: report.id }).first()).reporter_email,
      null,
    );
  });

  it('erases a reporter known only by a phone number, as one reported by phone is', async () => {
    const { report } = await makeReport(context.services, { category: 'roads', parish: 'kaunatas' });
    const knex = context.services.knex;
    await knex('reports')
      .where({ id: report.id })
      .update({ reporter_name: '', reporter_email: null, reporter_phone: '+371 26660003' });
    await postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(
      303,
    );
    assert.equal((await knex('reports').where({ id: report.id }).first()).reporter_phone, null);
    assert.equal((await knex('audit_log').where({ action: 'report.reporter-erase' })).length, 1);
  });

  it('takes them out of the parish’s email still waiting to go, which still goes', async () => {
    const { report } = await makeReport(context.services, {
      category: 'roads',
      parish: 'kaunatas',
      title: 'Bedre pie skolas',
      description: 'Liela bedre.',
      name: "Ilze O'Kalniņa",
      email: EMAIL,
      phone: '+371 26660002',
    });
    const knex = context.services.knex;
    // The parish's mail server was down: its email about the report has not left.
    const toOthers = () =>
      knex('outbox').where({ report_id: report.id, status: 'pending' }).whereNot({ to_email: EMAIL });
    const waiting = (await toOthers()) as { id: number; text_body: string; html_body: string }[];
    assert.ok(
      waiting.some((mail) => mail.text_body.includes('26660002') && mail.html_body.includes('O&#39;Kalniņa')),
      'the parish’s email names her',
    );

    await postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(
      303,
    );
    const after = (await toOthers()) as { id: number; text_body: string; html_body: string }[];
    assert.deepEqual(
      after.map((mail) => mail.id),
      waiting.map((mail) => mail.id),
      'the parish still hears of the report',
    );
    for (const mail of after) {
      const bodies = `${mail.text_body}\n${mail.html_body}`;
      for (const gone of ['Kalniņa', EMAIL, '26660002', '+37126660002'])
        assert.ok(!bodies.includes(gone), `${gone} left in an email waiting to go`);
      assert.match(mail.text_body, /Liela bedre/, 'the report is still in it');
    }
    assert.ok(after.some((mail) => mail.text_body.includes('[…]')));
    assert.equal(
      await knex('outbox').where({ report_id: report.id, to_email: EMAIL, status: 'pending' }).first(),
      undefined,
      'what waited to go to her went',
    );
  });

  it('leaves in the parish’s waiting email another’s address that ends as hers', async () => {
    // Her neighbour's address ends as hers ("d." + hers); her name is a word of it.
    const NEIGHBOUR = `d.${EMAIL}`;
    const { report } = await makeReport(context.services, {
      category: 'roads',
      parish: 'kaunatas',
      title: 'Bedre pie skolas',
      description: `Liela bedre. Kaimiņiene arī redzēja, raksti ${NEIGHBOUR}.`,
      name: 'Kalnina',
      email: EMAIL,
      phone: '+371 26660002',
    });
    const knex = context.services.knex;
    const toOthers = () =>
      knex('outbox').where({ report_id: report.id, status: 'pending' }).whereNot({ to_email: EMAIL });
    const waiting = (await toOthers()) as { text_body: string; html_body: string }[];
    assert.ok(
      waiting.some((mail) => mail.text_body.includes(NEIGHBOUR) && mail.html_body.includes(NEIGHBOUR)),
    );

    await postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(
      303,
    );
    const after = (await toOthers()) as { text_body: string; html_body: string }[];
    assert.deepEqual(
      after.map((mail) => [mail.text_body.includes(NEIGHBOUR), mail.html_body.includes(NEIGHBOUR)]),
      waiting.map((mail) => [mail.text_body.includes(NEIGHBOUR), mail.html_body.includes(NEIGHBOUR)]),
      'the neighbour’s address is still where it was',
    );
    for (const mail of after) {
      // Hers, her name and her phone: nowhere but inside the neighbour's address.
      const bodies = `${mail.text_body}\n${mail.html_body}`.replaceAll(NEIGHBOUR, '');
      for (const gone of [EMAIL, 'Kalnina', '26660002'])
        assert.ok(!bodies.includes(gone), `${gone} left in an email waiting to go`);
    }
    assert.ok(after.some((mail) => mail.text_body.includes('[…]')));
  });
});
