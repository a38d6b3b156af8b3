import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, routedReport } from '../support/reports.inbound.js';
import { addStaff, KAUNATA_WORKER, signIn } from '../support/staff.js';

/** The clerk's reply with a file beside its text, as Outlook or Gmail sends one (multipart/mixed). */
function replyWith(to: string, text: string, file: { name: string; type: string }): string {
  return [
    `From: ${CLERK}`,
    `To: ${to}`,
    'Subject: Re: [Tilts] Bedre Rēzeknes ielā',
    `Message-ID: <attached-${Date.now()}@example.org>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    '',
    '--b1',
    `Content-Type: ${file.type}; name="${file.name}"`,
    `Content-Disposition: attachment; filename="${file.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 atbilde').toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');
}

describe('a reply by email with a document attached (a PDF or .edoc of the answer)', () => {
  let context: TestContext;
  let report: Report;
  const post = async (raw: string) =>
    request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(await context.sign(raw))
      .expect(202);
  const replyTo = () => context.services.links.replyAddress(report.ref, CLERK);
  const mails = (kind: string) => context.services.knex('outbox').where({ report_id: report.id, kind });

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  it('is held: "the answer is attached" is never published nor sent to the resident without it', async () => {
    const raw = replyWith(replyTo(), '#atrisināts Labdien! Atbilde pielikumā.', {
      name: 'Atbilde_3-15-2026-44.pdf',
      type: 'application/pdf',
    });
    const res = await post(raw);
    assert.equal(res.body.outcome, 'held');
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
    assert.equal((await mails('report-update')).length, 0, 'the resident hears nothing yet');
    const page = await request(context.app).get(`/reports/${report.ref}?lang=lv`).expect(200);
    assert.doesNotMatch(page.text, /Atbilde pielikumā/);
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.equal(held.detail, 'attachments: Atbilde_3-15-2026-44.pdf');
    // The social worker is told why, in words, with the file's name.
    const [told] = await mails('held-reply');
    assert.match(told.text_body, /atbildei pievienotos failus \(Atbilde_3-15-2026-44\.pdf\)/);
  });

  it('says why on the held message’s page in the workspace, in each language', async () => {
    const file = { name: 'Atbilde.edoc', type: 'application/vnd.etsi.asic-e+zip' };
    await post(replyWith(replyTo(), 'Atbilde pielikumā.', file));
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    const said = {
      lv: 'atbildei pievienotos failus (Atbilde.edoc) Tilts iedzīvotājam nenosūta un nepublicē',
      en: 'Tilts neither sends the files attached to the answer (Atbilde.edoc) to the resident',
      ru: 'приложенные к ответу файлы (Atbilde.edoc) Tilts не отправляет жителю',
    };
    // The page's intro lists why a reply is held, files among the reasons.
    const intro = {
      lv: 'vai tai pievienoti faili, ko Tilts nenosūta',
      en: 'or files Tilts does not pass on are attached to it',
      ru: 'или к нему приложены файлы, которые Tilts не пересылает',
    };
    for (const [lang, words] of Object.entries(said)) {
      const page = await worker.agent.get(`/staff/inbound/${held.id}?lang=${lang}`).expect(200);
      assert.ok(page.text.includes(words), `the reason in ${lang}`);
      assert.ok(page.text.includes(intro[lang as keyof typeof intro]), `the page's intro in ${lang}`);
    }
  });

  it('is published as before when only a photo, or a signature of the message, is attached', async () => {
    const photo = await post(
      replyWith(replyTo(), '#procesā Darbi sāksies pirmdien.', { name: 'bedre.jpg', type: 'image/jpeg' }),
    );
    assert.equal(photo.body.outcome, 'applied');
    const signed = await post(
      replyWith(replyTo(), 'Brīdinājuma zīme uzlikta.', {
        name: 'smime.p7s',
        type: 'application/pkcs7-signature',
      }),
    );
    assert.equal(signed.body.outcome, 'applied');
  });
});
