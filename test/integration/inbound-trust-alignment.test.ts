import assert from 'node:assert/strict';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, clerkReply as reply, postRawMail, routedReport } from '../support/reports.inbound.js';

/*
 * A DKIM signature of another domain proves a From only when DMARC says so, or, where the From
 * domain publishes no DMARC policy, when it signs for that domain or one above or below it. mailauth
 * counts as aligned any two domains of one organisation: a sister subdomain (another parish's mail
 * server) could sign as this parish's clerk, and a policy that asks for strict alignment (adkim=s)
 * was overruled.
 */
describe('a DKIM signature proves a From only when aligned with it as its domain asks (INBOUND_AUTH=dkim)', () => {
  let context: TestContext;
  let report: Report;
  const post = (raw: Buffer) => postRawMail(context, raw);
  const status = async () => (await context.services.reportRepository.byId(report.id))!.status;
  const text = '#atrisināts Bedre aizbērta.';

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  async function clerkAt(address: string): Promise<string> {
    await context.services.knex('contacts').where({ code: 'kaunatas-admin' }).update({ email: address });
    await context.services.knex('report_recipients').where({ email: CLERK }).update({ email: address });
    return context.services.links.replyAddress(report.ref, address);
  }

  it('holds a reply signed by a sister subdomain of a From domain with no DMARC policy', async () => {
    const clerk = 'kaunata@kaunata.novads.example';
    const to = await clerkAt(clerk);
    const raw = await context.sign(reply({ from: clerk, to, text }), 'malta.novads.example');
    assert.equal((await post(raw)).outcome, 'held');
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.match(held.detail, /^not_proven: dkim=pass header\.d=malta\.novads\.example/);
    assert.equal(await status(), 'open');
  });

  it('still applies one signed by the From domain itself, or by the domain above it', async () => {
    const clerk = 'kaunata@kaunata.novads.example';
    const to = await clerkAt(clerk);
    assert.equal(
      (await post(await context.sign(reply({ from: clerk, to, text: '#procesā Rīt.' })))).outcome,
      'applied',
    );
    const raw = await context.sign(reply({ from: clerk, to, text }), 'novads.example');
    assert.equal((await post(raw)).outcome, 'applied');
    assert.equal(await status(), 'resolved');
  });

  it('holds a reply signed by a subdomain when the From domain asks for strict alignment', async () => {
    const to = context.services.links.replyAddress(report.ref, CLERK);
    const raw = await context.sign(reply({ from: CLERK, to, text }), 'pasts.example.org');
    context.dns.publish('_dmarc.example.org', 'TXT', 'v=DMARC1; p=reject; adkim=s');
    assert.equal((await post(raw)).outcome, 'held');
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.match(held.detail, /^not_proven: dkim=pass header\.d=pasts\.example\.org dmarc=fail/);
    assert.equal(await status(), 'open');
    // Signed by the From domain itself, it passes the strict policy.
    const own = await context.sign(reply({ from: CLERK, to, text }));
    context.dns.publish('_dmarc.example.org', 'TXT', 'v=DMARC1; p=reject; adkim=s');
    assert.equal((await post(own)).outcome, 'applied');
    assert.equal(await status(), 'resolved');
  });
});
