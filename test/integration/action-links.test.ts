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
    await request(context.app).get(path).expect(200);
    await request(context.app).post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
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
});
