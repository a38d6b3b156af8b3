import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, clerkReplyWithImages, routedReport } from '../support/reports.inbound.js';
import { testJpeg } from '../support/reports.js';

describe('a reply by email with an attached “photo” that is none', () => {
  let context: TestContext;
  let report: Report;

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  it('is published with its good photo, and its sender is told, in their language, which file was left out', async () => {
    const raw = clerkReplyWithImages(
      context.services.links.replyAddress(report.ref, CLERK),
      'Bedri aizlāpīsim rīt.',
      [
        { name: 'bedre.jpg', data: await testJpeg() },
        { name: 'IMG_0042.jpg', data: Buffer.from('Sveiki, šis nav attēls.\n') },
      ],
    );
    const res = await request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(await context.sign(raw))
      .expect(202);
    assert.equal(res.body.outcome, 'applied');
    const update = await context.services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' })
      .first();
    assert.equal(update.public_text, 'Bedri aizlāpīsim rīt.');
    assert.equal((await context.services.knex('report_photos').where({ update_id: update.id })).length, 1);

    const told = await context.services
      .knex('outbox')
      .where({ report_id: report.id, kind: 'photos-refused' });
    assert.equal(told.length, 1);
    assert.equal(told[0].to_email, CLERK);
    assert.equal(told[0].language, 'lv');
    assert.match(told[0].subject, new RegExp(`${report.ref}: fotoattēli netika pievienoti`));
    assert.match(
      told[0].text_body,
      /ir publicēta bez šiem pielikumiem, jo tos nevar pievienot kā fotoattēlus: IMG_0042\.jpg\./,
    );
    assert.doesNotMatch(told[0].text_body, /bedre\.jpg/);
  });
});
