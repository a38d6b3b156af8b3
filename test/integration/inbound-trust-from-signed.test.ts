import assert from 'node:assert/strict';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { dkimSigned } from '../support/dkim.js';
import { CLERK, clerkReply as reply, postRawMail, routedReport } from '../support/reports.inbound.js';

/**
 * A DKIM signature proves only the headers it names in `h=`. One that leaves From out (RFC 6376
 * §6.1.1: a PERMFAIL) passes in mailauth, aligned with whatever From the message carries: a message
 * signed for anyone at the clerk's domain could be given the clerk's address and be believed.
 */
describe('a DKIM signature that does not sign From proves no sender (INBOUND_AUTH=dkim)', () => {
  let context: TestContext;
  let report: Report;
  const post = (raw: Buffer) => postRawMail(context, raw);
  const replyTo = () => context.services.links.replyAddress(report.ref, CLERK);
  const status = async () => (await context.services.reportRepository.byId(report.id))!.status;

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  it('holds a reply signed for another address at the clerk’s domain, From then changed to the clerk', async () => {
    const text = '#atrisināts Darbi pabeigti.';
    // Signed for a neighbour's address at the same domain, h= without From; then From is the clerk's.
    const signed = await dkimSigned(
      context.dns,
      reply({ from: 'kaimins@example.org', to: replyTo(), text }),
      undefined,
      'to:subject',
    );
    assert.match(signed.toString('latin1'), /h=Subject: To;/, 'the signature names no From');
    const raw = Buffer.from(
      signed.toString('latin1').replace('From: kaimins@example.org', `From: ${CLERK}`),
      'latin1',
    );
    assert.equal((await post(raw)).outcome, 'held');
    assert.equal(await status(), 'open');
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.match(held.detail, /^not_proven: dkim=permerror header\.d=example\.org/);
  });

  it('still applies the same reply signed with From', async () => {
    const text = '#atrisināts Darbi pabeigti.';
    const raw = await dkimSigned(
      context.dns,
      reply({ from: CLERK, to: replyTo(), text }),
      undefined,
      'from:to:subject',
    );
    assert.equal((await post(raw)).outcome, 'applied');
    assert.equal(await status(), 'resolved');
  });
});
