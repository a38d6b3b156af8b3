import assert from 'node:assert/strict';
import { domainToASCII } from 'node:url';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { CLERK, clerkReply as reply, postRawMail, routedReport } from '../support/reports.inbound.js';

/*
 * A parish whose domain has letters beyond Latin (rēzekne.example) signs its mail as
 * xn--rzekne-p3a.example, the only spelling DNS and DKIM know; mailparser hands the From domain
 * back decoded, and an admin may have typed the contact's address either way. A reply is proven
 * however the domain is spelled, and still only by a signature of that domain.
 */
describe('a reply from a domain with non-Latin letters (INBOUND_AUTH=dkim)', () => {
  let context: TestContext;
  let report: Report;
  const post = (raw: Buffer) => postRawMail(context, raw);
  const status = async () => (await context.services.reportRepository.byId(report.id))!.status;
  const unicode = 'rēzekne.example';
  const ascii = domainToASCII(unicode);
  const text = '#atrisināts Bedre aizbērta.';

  beforeEach(async () => {
    context = await makeApp();
    report = await routedReport(context);
  });

  /** The clerk's contact and the report's recipient at `stored`; the reply address made for it. */
  async function clerkAt(stored: string): Promise<string> {
    await context.services.knex('contacts').where({ code: 'kaunatas-admin' }).update({ email: stored });
    await context.services.knex('report_recipients').where({ email: CLERK }).update({ email: stored });
    return context.services.links.replyAddress(report.ref, stored);
  }

  it('applies a reply from the punycode spelling of a contact typed with its letters', async () => {
    assert.equal(ascii, 'xn--rzekne-p3a.example');
    const to = await clerkAt(`pagasts@${unicode}`);
    const raw = await context.sign(reply({ from: `Pagasts <pagasts@${ascii}>`, to, text }), ascii);
    assert.equal((await post(raw)).outcome, 'applied');
    assert.equal(await status(), 'resolved');
  });

  it('applies a reply whose From has the letters, from a contact typed in punycode', async () => {
    const to = await clerkAt(`pagasts@${ascii}`);
    const raw = await context.sign(reply({ from: `pagasts@${unicode}`, to, text }), ascii);
    assert.equal((await post(raw)).outcome, 'applied');
    assert.equal(await status(), 'resolved');
  });

  it('holds one signed by another such domain', async () => {
    const to = await clerkAt(`pagasts@${unicode}`);
    context.dns.publishDomain(ascii);
    const other = domainToASCII('lūznava.example');
    const raw = await context.sign(reply({ from: `pagasts@${ascii}`, to, text }), other);
    assert.equal((await post(raw)).outcome, 'held');
    const [held] = await context.services.knex('inbound_messages').where({ outcome: 'held' });
    assert.match(held.detail, new RegExp(`^not_proven: dkim=pass header\\.d=${other} dmarc=fail`));
    assert.equal(await status(), 'open');
  });
});
