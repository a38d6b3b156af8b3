import assert from 'node:assert/strict';
import request from 'supertest';
import { askForHelp } from './help-requests-helpers.js';
import { reportsDesk } from './staff-reports-helpers.js';

describe('the staff workspace: moving a report, and making it private or public', () => {
  const desk = reportsDesk();

  it('moves a report to another parish: it is routed again and the new recipients are emailed', async () => {
    const { context, worker, admin, kaunataPublic, maltaPublic, mails, reportRow } = desk();
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/move`)
      .type('form')
      .send({ _csrf: worker.csrf, category: 'roads', parish: 'maltas' })
      .expect(303);
    const row = await reportRow(kaunataPublic.id);
    assert.equal(row.parish_code, 'maltas');
    const newMails = (await mails('report-new', kaunataPublic.id)).map(
      (mail: { to_email: string }) => mail.to_email,
    );
    assert.ok(newMails.includes('maltas.parvalde@example.org'));
    assert.ok(newMails.includes('maltas.socialais@example.org'));
    await worker.agent.get(`/staff/reports/${kaunataPublic.ref}`).expect(404);
    const bad = await admin.agent
      .post(`/staff/reports/${maltaPublic.ref}/move?lang=en`)
      .type('form')
      .send({ _csrf: admin.csrf, category: 'roads', parish: 'atlantis' })
      .expect(422);
    assert.match(bad.text, /Choose one of your parishes/);
    // Moving to where it already is changes nothing and says so.
    const before = await context.services.knex('report_updates').where({ report_id: maltaPublic.id });
    const same = await admin.agent
      .post(`/staff/reports/${maltaPublic.ref}/move?lang=en`)
      .type('form')
      .send({ _csrf: admin.csrf, category: maltaPublic.categoryCode, parish: maltaPublic.parishCode })
      .expect(422);
    assert.match(same.text, /already in this category and parish/);
    const after = await context.services.knex('report_updates').where({ report_id: maltaPublic.id });
    assert.equal(after.length, before.length, 'no timeline row');
  });

  it('sends a clerk who moved a report out of their parishes to the queue, saying where it went', async () => {
    const { clerk, admin, kaunataPublic, maltaPublic } = desk();
    const moved = await clerk.agent
      .post(`/staff/reports/${kaunataPublic.ref}/move?lang=en`)
      .type('form')
      .send({ _csrf: clerk.csrf, category: 'roads', parish: 'luznavas' })
      .expect(303);
    const location = moved.headers.location as string;
    assert.match(location, /^\/staff\?done=movedAway&/);
    // The clerk's pages are in English (their cookie): so is the page the move leads to.
    assert.ok(location.endsWith('&lang=en'), location);
    await clerk.agent.get(`/staff/reports/${kaunataPublic.ref}`).expect(404);
    const queue = await clerk.agent.get(location).expect(200);
    assert.match(
      queue.text,
      new RegExp(
        `data-qa="done"><p>Report ${kaunataPublic.ref} moved to [^<]*Lūznava[^<]* and sent to its recipients there; you no longer see it\\.`,
      ),
    );
    const lv = await clerk.agent.get(location.replace(/&lang=en$/, '&lang=lv')).expect(200);
    assert.match(lv.text, /data-qa="done"><p>Ziņojums [^<]*Lūznavas pagasts\) un nosūtīts/);
    // A crafted address says nothing; an admin, who still sees the report, stays on its page.
    const crafted = await clerk.agent.get('/staff?done=movedAway&ref=x&toCategory=roads&toParish=luznavas');
    assert.doesNotMatch(crafted.text, /data-qa="done"/);
    await admin.agent
      .post(`/staff/reports/${maltaPublic.ref}/move`)
      .type('form')
      .send({ _csrf: admin.csrf, category: 'roads', parish: 'luznavas' })
      .expect(303)
      .expect('Location', `/staff/reports/${maltaPublic.ref}?done=move`);
  });

  it('makes a report private at once, and public again only with a reason and the right role', async () => {
    const { context, worker, kaunataPublic } = desk();
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/privacy`)
      .type('form')
      .send({ _csrf: worker.csrf, make: 'private' })
      .expect(303);
    await request(context.app).get(`/reports/${kaunataPublic.ref}`).expect(404);
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/privacy`)
      .type('form')
      .send({ _csrf: worker.csrf, make: 'public' })
      .expect(422);
    await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/privacy`)
      .type('form')
      .send({ _csrf: worker.csrf, make: 'public', reason: 'Kļūdaini atzīmēts.' })
      .expect(303);
    await request(context.app).get(`/reports/${kaunataPublic.ref}`).expect(200);
    const [audit] = await context.services.knex('audit_log').where({ action: 'report.public' });
    assert.match(JSON.stringify(audit.after), /Kļūdaini atzīmēts/);
  });

  it('offers making a report public again only to a role that may, and says why it is needed only there', async () => {
    const { worker, clerk, kaunataPublic } = desk();
    const empty = { _csrf: clerk.csrf, status: '', publicText: '', internalNote: '' };
    const onPublic = await clerk.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
      .type('form')
      .send(empty)
      .expect(422);
    assert.match(onPublic.text, /Nothing to save: choose a status or write an answer or a note\.<\/p>/);
    await clerk.agent
      .post(`/staff/reports/${kaunataPublic.ref}/privacy`)
      .type('form')
      .send({ _csrf: clerk.csrf, make: 'private' })
      .expect(303);
    const page = await clerk.agent.get(`/staff/reports/${kaunataPublic.ref}?lang=en`).expect(200);
    assert.doesNotMatch(page.text, /data-qa="privacy-form"/);
    assert.match(page.text, /data-qa="stays-private">An administrator or a social worker can make/);
    const clerkEmpty = await clerk.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
      .type('form')
      .send(empty)
      .expect(422);
    assert.match(clerkEmpty.text, /Nothing to save: choose a status or write an answer or a note\.<\/p>/);
    // The social worker may: the form is there, and the empty update points to it.
    const workerPage = await worker.agent.get(`/staff/reports/${kaunataPublic.ref}?lang=en`).expect(200);
    assert.match(workerPage.text, /data-qa="privacy-form"/);
    assert.doesNotMatch(workerPage.text, /data-qa="stays-private"/);
    const workerEmpty = await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/update?lang=en`)
      .type('form')
      .send({ ...empty, _csrf: worker.csrf })
      .expect(422);
    assert.match(workerEmpty.text, /to make the report public again, use “Make public again” with a reason/);
    const noReason = await worker.agent
      .post(`/staff/reports/${kaunataPublic.ref}/privacy?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, make: 'public', reason: '' })
      .expect(422);
    assert.match(noReason.text, /data-qa="error-privacy">.*Write why the report may be public again/s);
  });

  it('never makes public a report in a private category or a request for help, wherever it was moved', async () => {
    const { context, worker, admin, kaunataPrivate, reportRow } = desk();
    const page = await worker.agent.get(`/staff/reports/${kaunataPrivate.ref}?lang=en`).expect(200);
    assert.doesNotMatch(page.text, /data-qa="privacy-form"/);
    assert.match(
      page.text,
      /data-qa="stays-private">A request for help or a report in a private category stays private/,
    );
    const refused = await worker.agent
      .post(`/staff/reports/${kaunataPrivate.ref}/privacy?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, make: 'public', reason: 'Lai kaimiņi palīdz.' })
      .expect(422);
    assert.match(refused.text, /data-qa="error-privacy">.*it cannot be made public/s);
    assert.match(refused.text, /Lai kaimiņi palīdz\./, 'the reason typed is shown back');
    assert.equal((await reportRow(kaunataPrivate.id)).is_private, true);
    // A request for help moved to a public category stays private too.
    const asked = await askForHelp(context);
    await admin.agent
      .post(`/staff/reports/${asked.ref}/move`)
      .type('form')
      .send({ _csrf: admin.csrf, category: 'roads', parish: 'kaunatas' })
      .expect(303);
    await admin.agent
      .post(`/staff/reports/${asked.ref}/privacy`)
      .type('form')
      .send({ _csrf: admin.csrf, make: 'public', reason: 'Tā ir bedre.' })
      .expect(422);
    assert.equal((await reportRow(asked.id)).is_private, true);
    await request(context.app).get(`/reports/${asked.ref}`).expect(404);
  });
});
