import assert from 'node:assert/strict';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { dkimSigned } from '../support/dkim.js';
import { CLERK, clerkReply, postRawMail, routedReport } from '../support/reports.inbound.js';

/*
 * Whoever holds a clerk's signed reply (a mailbox it was forwarded to, a relay's log) can send it
 * again, hours or weeks later, with a new Message-ID when the signature does not cover it: the
 * signature still proves it. The duplicate check by Message-ID and the ten minutes' repeat window
 * miss it; the signature that proved it does not.
 */
describe('a signed reply sent again later with other unsigned headers (a replay)', () => {
  const HOUR = 60 * 60 * 1000;
  let context: TestContext;
  let report: Report;
  let now: Date;
  const outbox = async () => (await context.services.knex('outbox')).length;
  const updates = async () =>
    (await context.services.knex('report_updates').where({ report_id: report.id, channel: 'email' })).length;
  const withMessageId = (raw: Buffer, id: string) =>
    Buffer.from(raw.toString('latin1').replace(/^Message-ID: .*$/im, `Message-ID: <${id}>`), 'latin1');

  async function replayedLater(raw: Buffer): Promise<void> {
    assert.equal((await postRawMail(context, raw)).outcome, 'applied');
    const [updated, sent] = [await updates(), await outbox()];
    now = new Date(now.getTime() + 5 * HOUR);
    const again = await postRawMail(context, withMessageId(raw, `replay-${Date.now()}@evil.example.net`));
    assert.equal(again.outcome, 'duplicate');
    assert.equal(await updates(), updated);
    assert.equal(await outbox(), sent, 'nothing more is emailed');
    const [last] = await context.services.knex('inbound_messages').orderBy('id', 'desc').limit(1);
    assert.deepEqual([last.outcome, last.detail, last.report_id], ['applied', 'replayed', report.id]);
  }

  /*
   * After INBOUND_RETENTION_DAYS (90) the raw messages go (the digests stay); a signature made that
   * long ago proves nothing all the same: held, not counted again.
   */
  async function replayedAfterRetention(raw: Buffer, replay = raw): Promise<void> {
    assert.equal((await postRawMail(context, raw)).outcome, 'applied');
    const updated = await updates();
    now = new Date(now.getTime() + 91 * 24 * HOUR);
    await context.services.inbound.purgeRaw(new Date(now.getTime() - 90 * 24 * HOUR));
    const again = await postRawMail(context, withMessageId(replay, `replay-${Date.now()}@evil.example.net`));
    assert.equal(again.outcome, 'held');
    assert.equal(await updates(), updated, 'counted once');
    const [last] = await context.services.knex('inbound_messages').orderBy('id', 'desc').limit(1);
    assert.deepEqual([last.outcome, last.sender_proof], ['held', 'dkim.t=old']);
  }

  describe('checked by Tilts (INBOUND_AUTH=dkim)', () => {
    beforeEach(async () => {
      now = new Date();
      context = await makeApp({}, { clock: () => now });
      report = await routedReport(context);
    });

    it('is counted once, and nothing more is emailed', async () => {
      const to = context.services.links.replyAddress(report.ref, CLERK);
      // A signature that leaves Message-ID out, as some mail servers sign.
      const text = '#procesā Darbi sāksies pirmdien.';
      const raw = await dkimSigned(
        context.dns,
        clerkReply({ from: CLERK, to, text }),
        undefined,
        'from:to:subject',
      );
      await replayedLater(raw);
      assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'in_progress');
    });

    it('keeps the signatures’ digests when the raw messages go', async () => {
      const to = context.services.links.replyAddress(report.ref, CLERK);
      await postRawMail(context, await context.sign(clerkReply({ from: CLERK, to, text: 'Paldies.' })));
      const signatures = () => context.services.knex('inbound_signatures').count({ n: '*' }).first();
      assert.equal(Number((await signatures())?.n), 1);
      assert.ok((await context.services.inbound.purgeRaw(new Date(Date.now() + 1000))) > 0);
      assert.equal(Number((await signatures())?.n), 1);
    });

    it('is not proven when sent again after the raw messages went, signed so long ago', async () => {
      const to = context.services.links.replyAddress(report.ref, CLERK);
      const text = '#procesā Darbi sāksies pirmdien.';
      const raw = await dkimSigned(
        context.dns,
        clerkReply({ from: CLERK, to, text }),
        undefined,
        'from:to:subject',
      );
      await replayedAfterRetention(raw);
    });

    it('still applies the same words in a new message of the clerk', async () => {
      const to = context.services.links.replyAddress(report.ref, CLERK);
      const text = 'Darbi sāksies pirmdien.';
      assert.equal(
        (await postRawMail(context, await context.sign(clerkReply({ from: CLERK, to, text })))).outcome,
        'applied',
      );
      now = new Date(now.getTime() + 5 * HOUR);
      assert.equal(
        (await postRawMail(context, await context.sign(clerkReply({ from: CLERK, to, text })))).outcome,
        'applied',
      );
      assert.equal(await updates(), 2);
    });
  });

  describe('checked by the mail server in front (INBOUND_AUTH=header:…)', () => {
    beforeEach(async () => {
      now = new Date();
      context = await makeApp({ INBOUND_AUTH: 'header:mx.rezeknesnovads.example.org' }, { clock: () => now });
      report = await routedReport(context);
    });

    it('is counted once by the DKIM signature it carries', async () => {
      const to = context.services.links.replyAddress(report.ref, CLERK);
      const signed = await dkimSigned(
        context.dns,
        clerkReply({ from: CLERK, to, text: '#procesā Darbi sāksies pirmdien.' }),
        undefined,
        'from:to:subject',
      );
      const verdict =
        'Authentication-Results: mx.rezeknesnovads.example.org; dkim=pass header.d=example.org; dmarc=pass header.from=example.org\r\n';
      await replayedLater(Buffer.concat([Buffer.from(verdict), signed]));
    });

    it('is not proven when sent again after the raw messages went, signed so long ago', async () => {
      const to = context.services.links.replyAddress(report.ref, CLERK);
      const signed = await dkimSigned(
        context.dns,
        clerkReply({ from: CLERK, to, text: '#procesā Darbi sāksies pirmdien.' }),
        undefined,
        'from:to:subject',
      );
      const verdict =
        'Authentication-Results: mx.rezeknesnovads.example.org; dkim=pass header.d=example.org; dmarc=pass header.from=example.org\r\n';
      await replayedAfterRetention(Buffer.concat([Buffer.from(verdict), signed]));
    });

    it('believes a signature that does not say when it was made, and knows it sent again however late', async () => {
      const to = context.services.links.replyAddress(report.ref, CLERK);
      const signed = await dkimSigned(
        context.dns,
        clerkReply({ from: CLERK, to, text: '#procesā Darbi sāksies pirmdien.' }),
        undefined,
        'from:to:subject',
      );
      const untimed = Buffer.from(signed.toString('latin1').replace(/\bt=\d+;\s*/, ''), 'latin1');
      assert.notEqual(untimed.toString('latin1'), signed.toString('latin1'));
      const verdict =
        'Authentication-Results: mx.rezeknesnovads.example.org; dkim=pass header.d=example.org; dmarc=pass header.from=example.org\r\n';
      const raw = Buffer.concat([Buffer.from(verdict), untimed]);
      assert.equal((await postRawMail(context, raw)).outcome, 'applied');
      const updated = await updates();
      now = new Date(now.getTime() + 400 * 24 * HOUR);
      await context.services.inbound.purgeRaw(new Date(now.getTime() - 90 * 24 * HOUR));
      const again = await postRawMail(context, withMessageId(raw, `replay-${Date.now()}@evil.example.net`));
      assert.equal(again.outcome, 'duplicate');
      assert.equal(await updates(), updated, 'counted once');
      const [last] = await context.services.knex('inbound_messages').orderBy('id', 'desc').limit(1);
      assert.deepEqual([last.outcome, last.detail], ['applied', 'replayed']);
    });
  });
});
