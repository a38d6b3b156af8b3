import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import {
  CLERK,
  clerkReply,
  postClerkReply,
  postUnsignedReply,
  routedReport,
} from '../support/reports.inbound.js';
import { addStaff, NOVADS_ADMIN, postForm, signIn } from '../support/staff.js';

interface Sent {
  to_email: string;
  language: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: string | Record<string, string>;
}

/**
 * A reply by email that is held for the social worker: its sender, when Tilts may write to them,
 * is told it was received but not published, why, and what to do; once in a while, never a robot.
 */
describe('a held reply by email: its sender is told it was not published', () => {
  let context: TestContext;
  let report: Report;
  const post = async (raw: string, signed = true) =>
    request(context.app)
      .post('/inbound/email')
      .set('Authorization', `Bearer ${context.config.inboundSecret}`)
      .set('Content-Type', 'message/rfc822')
      .send(signed ? await context.sign(raw) : raw)
      .expect(202);
  const told = async (): Promise<Sent[]> =>
    context.services.knex('outbox').where({ report_id: report.id, kind: 'reply-held' }).orderBy('id');
  const clerkSpeaks = (language: string) =>
    context.services.knex('contacts').where({ code: 'kaunatas-admin' }).update({ language });
  /** The clerk's reply with a PDF of the answer beside its text. */
  const withPdf = (text: string, headers: string[] = []) =>
    clerkReply({ from: CLERK, to: context.services.links.replyAddress(report.ref, CLERK), text, headers })
      .replace('Content-Type: text/plain; charset=utf-8', 'Content-Type: multipart/mixed; boundary="b1"')
      .replace(
        `\r\n\r\n${text}\r\n`,
        [
          '',
          '',
          '--b1',
          'Content-Type: text/plain; charset=utf-8',
          '',
          text,
          '',
          '--b1',
          'Content-Type: application/pdf; name="Atbilde.pdf"',
          'Content-Disposition: attachment; filename="Atbilde.pdf"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('%PDF-1.4 atbilde').toString('base64'),
          '--b1--',
          '',
        ].join('\r\n'),
      );

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  it('tells the clerk, in her contact’s language, that a reply with a PDF was kept, and why', async () => {
    await clerkSpeaks('ru');
    const res = await post(withPdf('Atbilde pielikumā.'));
    assert.equal(res.body.outcome, 'held');
    const [mail, ...more] = await told();
    assert.equal(more.length, 0);
    assert.equal(mail!.to_email, CLERK);
    assert.equal(mail!.language, 'ru');
    assert.match(mail!.subject, /ваш ответ не опубликован/);
    assert.match(mail!.text_body, /получен, но не опубликован/);
    assert.match(mail!.text_body, /приложенные файлы \(например, PDF или \.edoc\)/);
    assert.ok(mail!.text_body.includes(`/staff/reports/${report.ref}`), 'where to answer instead');
    const headers = typeof mail!.headers === 'string' ? JSON.parse(mail!.headers) : mail!.headers;
    assert.equal(headers['Auto-Submitted'], 'auto-replied', 'an automatic answer, never answered in turn');
    // The social worker is told as before.
    const social = await context.services.knex('outbox').where({ report_id: report.id, kind: 'held-reply' });
    assert.equal(social.length, 1);
  });

  it('tells a sender once in ten minutes, however often they write again', async () => {
    await post(withPdf('Atbilde pielikumā.'));
    await post(withPdf('Atbilde pielikumā, vēlreiz.'));
    await post(withPdf('Un vēlreiz.'));
    assert.equal((await told()).length, 1);
    const held = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.equal(held.length, 3, 'each is still kept for the social worker');
  });

  it('never puts the resident’s contact in it, though the reply quoted it', async () => {
    await clerkSpeaks('en');
    const text = 'Sazināsimies ar iedzīvotāju: janis@example.org, +371 20000000.';
    const res = await post(
      clerkReply({ from: CLERK, to: context.services.links.replyAddress(report.ref, CLERK), text }),
    );
    assert.equal(res.body.outcome, 'held');
    const [mail] = await told();
    assert.match(mail!.text_body, /it contains private details/);
    assert.doesNotMatch(mail!.text_body, /janis@example\.org|20000000/);
  });

  it('tells the old parish’s clerk that a report moved away is no longer theirs to answer', async () => {
    const admin = await signIn(context, await addStaff(context, NOVADS_ADMIN));
    await postForm(admin, `/staff/reports/${report.ref}/move`, {
      category: 'roads',
      parish: 'maltas',
    }).expect(303);
    const text = '#atrisināts Salabots.';
    const res = await post(
      clerkReply({ from: CLERK, to: context.services.links.replyAddress(report.ref, CLERK), text }),
    );
    assert.equal(res.body.outcome, 'held');
    const [mail] = await told();
    assert.equal(mail!.to_email, CLERK);
    assert.equal(mail!.language, 'lv');
    assert.match(mail!.text_body, /ziņojums ir nodots citam pagastam vai citai kategorijai/);
  });

  it('ends the answer with the staff footer only to staff: a resident writing in reads a neutral one', async () => {
    const resident = 'janis.private@example.net';
    const to = context.services.links.replyAddress(report.ref, CLERK);
    assert.equal(
      (await post(clerkReply({ from: resident, to, text: 'Paldies, gaidīsim.' }))).body.outcome,
      'held',
    );
    assert.equal((await post(withPdf('Atbilde pielikumā.'))).body.outcome, 'held');
    const [toResident, toClerk] = await told();
    assert.equal(toResident!.to_email, resident);
    assert.match(
      toResident!.text_body,
      /jo atbildējāt uz Rēzeknes novada iedzīvotāju atsauksmju portāla Tilts e-pastu/,
    );
    assert.doesNotMatch(toResident!.text_body, /kā kontakts ziņojumiem/);
    // Nor is a resident sent to the staff workspace: the social worker decides, and says so.
    for (const part of [toResident!.text_body, toResident!.html_body]) {
      assert.match(part, /izlems, kā rīkoties; jums nekas nav jādara/);
      assert.doesNotMatch(part, /darbinieku darba vietā|\/staff\//);
    }
    assert.equal(toClerk!.to_email, CLERK);
    assert.match(toClerk!.text_body, /kā kontakts ziņojumiem par jūsu teritoriju/);
    assert.match(toClerk!.text_body, /atbildiet darbinieku darba vietā: http\S+\/staff\/reports\//);
  });

  it('tells an unproven reply from a known recipient’s address, never one from an unknown one', async () => {
    const fromClerk = await postUnsignedReply(context, {
      ref: report.ref,
      from: CLERK,
      to: CLERK,
      text: 'Labi.',
    });
    assert.equal(fromClerk.outcome, 'held');
    const stranger = 'janis.private@example.net';
    const fromStranger = await postUnsignedReply(context, {
      ref: report.ref,
      from: stranger,
      to: CLERK,
      text: 'Labi.',
    });
    assert.equal(fromStranger.outcome, 'held');
    const sent = await told();
    assert.deepEqual(
      sent.map((mail) => mail.to_email),
      [CLERK],
    );
    assert.match(sent[0]!.text_body, /nevarēja pārbaudīt, ka vēstule tiešām nāk no jūsu adreses/);
  });

  it('tells a clerk of a held reply though she was just told of an empty one: other news, not a repeat', async () => {
    assert.equal((await postClerkReply(context, report, '')).outcome, 'applied');
    assert.equal((await post(withPdf('Atbilde pielikumā.'))).body.outcome, 'held');
    assert.equal((await postClerkReply(context, report, '')).outcome, 'applied');
    assert.equal((await post(withPdf('Atbilde pielikumā, vēlreiz.'))).body.outcome, 'held');
    const sent = await context.services
      .knex('outbox')
      .where({ report_id: report.id, to_email: CLERK })
      .whereIn('kind', ['reply-empty', 'reply-held'])
      .orderBy('id');
    assert.deepEqual(
      sent.map((mail: { kind: string }) => mail.kind),
      ['reply-empty', 'reply-held'],
      'each kind of news once in ten minutes',
    );
  });

  it('answers no mailing list nor robot, only the person', async () => {
    await post(withPdf('Atbilde pielikumā.', ['List-Id: <parvalde.example.org>']));
    await post(withPdf('Atbilde pielikumā.', ['Precedence: list']));
    await post(withPdf('Atbilde pielikumā.', ['List-Unsubscribe: <mailto:leave@example.org>']));
    assert.equal((await told()).length, 0);
    await post(withPdf('Atbilde pielikumā.'));
    assert.equal((await told()).length, 1);
    assert.equal((await context.services.knex('inbound_messages').where({ outcome: 'held' })).length, 4);
  });
});
