import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, clerkReplyWithImages, postRawMail, routedReport } from '../support/reports.inbound.js';
import { testJpeg } from '../support/reports.js';
import { addStaff, NOVADS_ADMIN, signIn } from '../support/staff.js';

describe('an internal note by email with a photo', () => {
  let context: TestContext;
  let report: Report;

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  it('keeps the photo on the note, for staff alone: no public page, reporter’s page, email or link shows it', async () => {
    const { services, app } = context;
    const raw = clerkReplyWithImages(
      services.links.replyAddress(report.ref, CLERK),
      '#iekšēji Skat. foto, tur ir caurule.',
      [{ name: 'caurule.jpg', data: await testJpeg() }],
    );
    const outboxBefore = (await services.knex('outbox').count({ n: '*' }).first())!.n;
    const res = await request(app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(await context.sign(raw))
      .expect(202);
    assert.equal(res.body.outcome, 'applied');
    const update = await services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' })
      .first();
    assert.equal(update.is_public, false);
    assert.match(String(update.internal_note), /Skat\. foto, tur ir caurule\./);
    const photos = await services.knex('report_photos').where({ update_id: update.id });
    assert.equal(photos.length, 1, 'kept on the note, not left to be purged as a pending upload');
    assert.equal((await services.knex('pending_uploads').count({ n: '*' }).first())!.n, 0);
    const key = photos[0].storage_key as string;

    // Nobody without its signed link is served it; nothing public names it.
    await request(app).get(`/photos/${key}`).expect(404);
    await request(app).get(`/photos/${key}/thumb`).expect(404);
    const page = await request(app).get(`/reports/${report.ref}`).expect(200);
    assert.ok(!page.text.includes(key));
    const own = await request(app).get(
      `/reports/${report.ref}?token=${services.links.reporterToken(report.ref)}`,
    );
    assert.equal(own.status, 200);
    assert.ok(!own.text.includes(key), 'the reporter’s own page does not show it either');
    // No email to the reporter or a follower: the note was for staff.
    const mails = await services.knex('outbox').offset(Number(outboxBefore));
    assert.ok(
      mails.every(
        (mail: { text_body: string; html_body: string }) =>
          !`${mail.text_body}${mail.html_body}`.includes(key),
      ),
    );
    assert.ok(mails.every((mail: { to_email: string }) => mail.to_email !== report.reporterEmail));

    // Staff read it with the note, by its signed link.
    const sig = services.links.photoSignature(key);
    await request(app).get(`/photos/${key}?sig=${sig}`).expect(200);
    const admin = await signIn(context, await addStaff(context, NOVADS_ADMIN));
    const workspace = await admin.agent.get(`/staff/reports/${report.ref}`).expect(200);
    assert.ok(workspace.text.includes(`/photos/${key}/thumb?sig=`), 'on the staff page, by the note');
  });

  it('tells its sender once, in their language, which attached files the note was saved without', async () => {
    const { services } = context;
    const send = async (text: string, language?: string) => {
      if (language) await services.knex('contacts').where({ email: CLERK }).update({ language });
      const raw = clerkReplyWithImages(services.links.replyAddress(report.ref, CLERK), text, [
        { name: 'caurule.jpg', data: await testJpeg() },
        { name: 'IMG_0042.jpg', data: Buffer.from('Sveiki, šis nav attēls.\n') },
      ]);
      assert.equal((await postRawMail(context, await context.sign(raw))).outcome, 'applied');
    };
    const told = () =>
      services.knex('outbox').where({ report_id: report.id, kind: 'photos-refused' }).orderBy('id');

    await send('#iekšēji Skat. foto, tur ir caurule.');
    const update = await services
      .knex('report_updates')
      .where({ report_id: report.id, channel: 'email' })
      .first();
    assert.equal(update.is_public, false);
    assert.equal((await services.knex('report_photos').where({ update_id: update.id })).length, 1);
    const [lv] = await told();
    assert.equal((await told()).length, 1);
    assert.equal(lv.to_email, CLERK);
    assert.equal(lv.language, 'lv');
    assert.match(lv.subject, new RegExp(`${report.ref}: fotoattēli netika pievienoti`));
    assert.match(
      lv.text_body,
      /Jūsu iekšējā piezīme ziņojumam [^\n]* ir saglabāta bez šiem pielikumiem, jo tos nevar pievienot kā fotoattēlus: IMG_0042\.jpg\./,
    );
    assert.doesNotMatch(lv.text_body, /publicēta|caurule\.jpg/);
    assert.match(lv.html_body, /IMG_0042\.jpg/);

    // The same note sent again at once is counted once: its sender is not told twice.
    await send('#iekšēji Skat. foto, tur ir caurule.');
    assert.equal((await told()).length, 1);

    // A clerk who reads Russian is told in Russian.
    await send('#iekšēji Vēl viena caurule.', 'ru');
    const all = await told();
    assert.equal(all.length, 2);
    assert.equal(all[1].language, 'ru');
    assert.match(
      all[1].text_body,
      /Ваша внутренняя заметка к сообщению [^\n]* сохранена без этих вложений[^\n]*: IMG_0042\.jpg\./,
    );
  });
});
