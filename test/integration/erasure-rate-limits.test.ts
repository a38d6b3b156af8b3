import assert from 'node:assert/strict';
import {
  alertEmailKey,
  followEmailKey,
  helpOfferEmailKey,
  helpRequestEmailKey,
  helpRequestPhoneKey,
  open311EmailKey,
  replyNoticeKey,
  reportFormEmailKey,
  staffLinkEmailIpKey,
  staffLinkEmailKey,
} from '../../src/ratelimit/address-keys.js';
import { sha256 } from '../../src/security/sealing.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { postForm, type StaffBrowser } from '../support/staff.js';
import { EMAIL, NEIGHBOUR } from './erasure-inbound-helpers.js';
import { confirmedOffer } from './help-offers-helpers.js';
import { askForHelp, forOtherFields } from './help-requests-helpers.js';
import { staffBrowser } from './moderation-helpers.js';

/** Her address as she typed it into a form once: a subaddress, counted as her mailbox. */
const TAGGED = 'Anna.Berzina+tilts@Example.org';
/** Someone whose address ends as hers does: someone else. */
const ALIKE = `di${EMAIL}`;

/** Every counter a form or the inbound door keeps under an address. */
const countersOf = (email: string): string[] => [
  followEmailKey(email),
  alertEmailKey(email),
  reportFormEmailKey(email),
  helpOfferEmailKey(email),
  helpRequestEmailKey(email),
  open311EmailKey(email),
  staffLinkEmailKey(email),
  staffLinkEmailIpKey('192.0.2.7', email),
  staffLinkEmailIpKey('2001:db8:1:2::/64', email),
  replyNoticeKey('reply-held', 12, email),
  replyNoticeKey('reply-empty', 3, email),
];

/**
 * The rate-limit counters whose key holds an address (asks to follow and for alerts, reports,
 * offers and requests for help, Open311, staff sign-in links, the answers to a reply Tilts did not
 * publish) keep it for their hour or day. Whichever erasure takes a person's address takes every
 * such counter of it, as its mailbox (any subaddress), and a request's person's phone too; another
 * address's counters stay, one that ends as hers does included.
 */
describe('an erased person’s address leaves no rate-limit counter', () => {
  let context: TestContext;
  let admin: StaffBrowser;

  beforeEach(async () => {
    context = await makeApp();
    admin = await staffBrowser(context, 'admin');
  });

  const counted = async (keys: string[]) => {
    for (const key of keys) await context.services.limiter.hit(key, 100, 3_600_000, new Date());
  };
  const keys = async () => (await context.services.knex('rate_limits').pluck('key')) as string[];

  /** Her counters (and a neighbour's, and her look-alike's) before `erase`; only theirs after it. */
  const countersForgotten = async (erase: () => Promise<unknown>) => {
    const others = [NEIGHBOUR, ALIKE];
    await counted([...countersOf(TAGGED), ...others.flatMap(countersOf)]);
    const before = await keys();
    for (const key of countersOf(EMAIL)) assert.ok(before.includes(key), `${key} is counted`);
    await erase();
    const after = await keys();
    for (const key of countersOf(EMAIL)) assert.ok(!after.includes(key), `${key} is gone`);
    const hers = after.filter((key) => /anna\.berzina/i.test(key) && !key.includes(ALIKE));
    assert.deepEqual(hers, [], 'no counter, counted by any form, keeps her address');
    for (const key of others.flatMap(countersOf)) assert.ok(after.includes(key), `${key} stays`);
    return after;
  };

  it('when a follower’s address is erased', async () => {
    const { report } = await makeReport(context.services, { parish: 'kaunatas' });
    await context.services.subscriptions.subscribe(report.ref, {
      email: TAGGED,
      name: 'Anna',
      language: 'lv',
    });
    await countersForgotten(() =>
      postForm(admin, '/staff/admin/erase-subscriber/confirm', { email: EMAIL, confirm: '1' }).expect(303),
    );
  });

  it('when an address with LIKE’s wildcards in it is erased, another’s that they would match stays', async () => {
    // As a LIKE pattern, "an_a.berzina%@…" is also "anna.berzina@…".
    const wild = 'an_a.berzina%@example.org';
    await counted([...countersOf(wild), ...countersOf(EMAIL)]);
    await postForm(admin, '/staff/admin/erase-subscriber/confirm', { email: wild, confirm: '1' }).expect(303);
    const after = await keys();
    for (const key of countersOf(wild)) assert.ok(!after.includes(key), `${key} is gone`);
    for (const key of countersOf(EMAIL)) assert.ok(after.includes(key), `${key} stays`);
  });

  it('when a public report’s reporter is erased', async () => {
    const { report } = await makeReport(context.services, { parish: 'kaunatas', email: TAGGED });
    // Sign-in counters kept under the address as typed, before they were by mailbox.
    const typed = [
      `staff-link:email:${TAGGED.toLowerCase()}`,
      `staff-link:email-ip:192.0.2.7:${sha256(TAGGED.toLowerCase())}`,
    ];
    await counted(typed);
    const after = await countersForgotten(() =>
      postForm(admin, `/staff/admin/reports/${report.ref}/erase-reporter`, { confirm: 'yes' }).expect(303),
    );
    for (const key of typed) assert.ok(!after.includes(key), `${key} is gone`);
  });

  it('when the people of a request for help are erased, their phones’ counters too', async () => {
    const subject = 'anna.liepa@example.lv';
    const { ref } = await askForHelp(
      context,
      forOtherFields({ email: TAGGED, subject_email: subject, subject_phone: '+371 2000 0002' }),
    );
    await counted([helpRequestPhoneKey('29 00 00 03')]);
    const before = await keys();
    for (const key of [helpRequestEmailKey(subject), helpRequestPhoneKey('20000002')])
      assert.ok(before.includes(key), `the form counted ${key}`);
    const after = await countersForgotten(() =>
      postForm(admin, `/staff/help/requests/${ref}/erase`, { confirm: 'yes' }).expect(303),
    );
    assert.ok(!after.includes(helpRequestEmailKey(subject)), 'the person’s address’s counter goes');
    assert.ok(!after.includes(helpRequestPhoneKey('20000002')), 'and her phone’s');
    assert.ok(after.includes(helpRequestPhoneKey('29000003')), 'another phone’s stays');
  });

  it('when a volunteer is erased', async () => {
    const { id } = await confirmedOffer(context.app, context.services.knex, { email: TAGGED });
    assert.ok((await keys()).includes(helpOfferEmailKey(EMAIL)), 'the offer form counted her mailbox');
    await countersForgotten(() => postForm(admin, `/staff/help/offers/${id}/erase`).expect(303));
  });
});
