import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { routedReport } from '../support/reports.inbound.js';

const DAY = 86_400_000;

describe('one-click links in staff emails', () => {
  let now: Date;
  let context: TestContext;
  let report: Report;
  const link = async (action: 'acknowledged' | 'in_progress' | 'resolved' | 'not_ours') => {
    const [recipient] = await context.services.routing.recipients(report.id);
    return new URL(context.services.links.action(report.ref, recipient!.id, action, now)).pathname;
  };

  beforeEach(async () => {
    now = new Date();
    context = await makeApp({}, { clock: () => now });
    report = await routedReport(context);
  });

  it('"not ours" alerts the admin with the comment, keeps the status, and tells no resident', async () => {
    const path = await link('not_ours');
    await request(context.app)
      .post(path)
      .type('form')
      .send({ comment: 'Tas ir valsts ceļš, LVC.' })
      .expect(200);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
    const alerts = await context.services
      .knex('outbox')
      .where({ report_id: report.id, kind: 'not-ours-alert' });
    assert.deepEqual(
      alerts.map((alert) => alert.to_email),
      ['tilts@rezeknesnovads.example.org'],
    );
    assert.match(alerts[0].text_body, /Tas ir valsts ceļš, LVC\./);
    const [update] = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'link' });
    assert.equal(update.is_public, false);
    assert.equal(
      (await context.services.knex('outbox').where({ report_id: report.id, kind: 'report-update' })).length,
      0,
    );
  });

  it('refuses a public comment with a sign-off or a phone, keeps it as typed, and changes nothing', async () => {
    const path = await link('resolved');
    const typed = 'Bedre aizlāpīta.\n\nAr cieņu,\nAnna Bērziņa\ntālr. 64600000';
    const refused = await request(context.app)
      .post(`${path}?lang=en`)
      .type('form')
      .send({ comment: typed })
      .expect(422);
    assert.match(refused.text, /id="comment-error"/);
    assert.match(refused.text, /Ar cieņu,/);
    assert.ok(refused.text.includes('Anna Bērziņa\ntālr. 64600000</textarea>'));
    const phone = await request(context.app)
      .post(`${path}?lang=ru`)
      .type('form')
      .send({ comment: 'Zvaniet 64601234.' })
      .expect(422);
    assert.match(phone.text, /id="comment-error"/);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
    // The link was not used up: the clean answer goes through.
    await request(context.app).post(path).type('form').send({ comment: 'Bedre aizlāpīta.' }).expect(200);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'resolved');
  });

  it('a link of another action keeps working after one was used, each once', async () => {
    await request(context.app)
      .post(await link('acknowledged'))
      .type('form')
      .send({})
      .expect(200);
    await request(context.app)
      .post(await link('in_progress'))
      .type('form')
      .send({})
      .expect(200);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'in_progress');
  });

  it('refuses an expired link after 60 days and a forged one, changing nothing', async () => {
    const path = await link('resolved');
    now = new Date(now.getTime() + 61 * DAY);
    await request(context.app).get(path).expect(410);
    await request(context.app).post(path).type('form').send({}).expect(410);
    await request(context.app).get(path.replace(/.{4}$/, 'AAAA')).expect(404);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
  });

  it('one-click unsubscribe (RFC 8058 POST) stops the reporter’s update emails; a forged one is 404', async () => {
    const path = new URL(context.services.links.unsubscribe('r', report.id)).pathname;
    const before = await request(context.app).get(path).expect(200);
    assert.match(before.text, /data-qa="unsubscribe-form"/);
    await request(context.app).post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    // Opened again, the link says it was used rather than offering the button once more.
    const again = await request(context.app).get(path).expect(200);
    assert.match(again.text, /data-qa="unsubscribed"/);
    assert.doesNotMatch(again.text, /data-qa="unsubscribe-form"/);
    await request(context.app)
      .post(path.replace(/.{3}$/, 'xyz'))
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(404);
    await request(context.app)
      .post(await link('in_progress'))
      .type('form')
      .send({ comment: 'Sākam.' })
      .expect(200);
    const updates = await context.services
      .knex('outbox')
      .where({ report_id: report.id, kind: 'report-update' });
    assert.deepEqual(updates, []);
  });

  it('keeps the comment and says why when it is too long', async () => {
    const res = await request(context.app)
      .post(await link('resolved'))
      .type('form')
      .send({ comment: 'ā'.repeat(5001) })
      .expect(400);
    assert.match(res.text, /5000/);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
  });

  it('answers a press with no form at all (no body, or plain text) as one with an empty comment', async () => {
    const path = await link('acknowledged');
    await request(context.app).post(path).expect(200);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'acknowledged');
    const other = await link('in_progress');
    const res = await request(context.app)
      .post(other)
      .set('Content-Type', 'text/plain')
      .send('x')
      .expect(200);
    assert.doesNotMatch(res.text, /500/);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'in_progress');
  });

  it('says a link the report’s status no longer allows changes nothing, and shows the comment back', async () => {
    await context.services.knex('reports').where({ id: report.id }).update({ status: 'resolved' });
    const path = await link('in_progress');
    const page = await request(context.app).get(path).expect(200);
    assert.match(page.text, /data-blocked="status"/);
    assert.doesNotMatch(page.text, /data-qa="action-form"/, 'no button that would do nothing');

    const res = await request(context.app)
      .post(path)
      .type('form')
      .send({ comment: 'Atkal bedre.' })
      .expect(409);
    assert.match(res.text, /data-blocked="status"/);
    assert.match(res.text, /Atkal bedre\./, 'what the clerk typed is shown back, not lost');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'resolved');
    const written = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'link' });
    assert.deepEqual(written, []);
    const told = await context.services.knex('outbox').where({ report_id: report.id, kind: 'report-update' });
    assert.deepEqual(told, []);

    // Reopened by staff, the same link does what it says: it was not used up.
    await context.services.knex('reports').where({ id: report.id }).update({ status: 'open' });
    await request(context.app).post(path).type('form').send({}).expect(200);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'in_progress');
  });

  it('does nothing on a withdrawn report: no status, no entry, no email to its followers', async () => {
    const { services } = context;
    await services.reportUpdates.reporterAction(report.ref, services.links.reporterToken(report.ref), {
      kind: 'withdraw',
      text: '',
      photos: [],
    });
    // The parish hears of it as a withdrawal: nothing to answer, no one-click link.
    const [relay] = await services.knex('outbox').where({ report_id: report.id, kind: 'report-relay' });
    assert.match(relay.text_body, /atsauca/);
    assert.match(relay.text_body, /Slēgts \(Atsaukts\)/);
    assert.doesNotMatch(relay.text_body, /\/actions\//);
    assert.doesNotMatch(relay.html_body, /\/actions\//);
    const before = await services.knex('outbox').count({ n: '*' }).first();
    for (const action of ['acknowledged', 'not_ours'] as const) {
      const path = await link(action);
      assert.match((await request(context.app).get(path).expect(200)).text, /data-blocked="withdrawn"/);
      const res = await request(context.app)
        .post(path)
        .type('form')
        .send({ comment: 'Paldies.' })
        .expect(409);
      assert.match(res.text, /data-blocked="withdrawn"/);
    }
    const withdrawn = await services.reportRepository.byId(report.id);
    assert.equal(withdrawn!.status, 'closed');
    assert.equal(withdrawn!.closeReason, 'withdrawn');
    assert.deepEqual(
      await services.knex('report_updates').where({ report_id: report.id, channel: 'link' }),
      [],
    );
    assert.deepEqual(await services.knex('outbox').count({ n: '*' }).first(), before, 'nobody is emailed');
  });
});
