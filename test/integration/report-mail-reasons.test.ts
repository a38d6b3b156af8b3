import assert from 'node:assert/strict';
import { SubscriptionRepository } from '../../src/subscriptions/repository.js';
import { confirmedFollower } from '../support/reports.js';
import { postForm } from '../support/staff.js';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';

/** Each footer line, in its language: the reporter reported it; a follower chose to follow it. */
const REPORTED = {
  lv: 'Jūs saņemat šo e-pastu, jo portālā Tilts ziņojāt par šo problēmu.',
  en: 'You receive this email because you reported this problem on Tilts.',
  ru: 'Вы получили это письмо, потому что сообщили об этой проблеме на портале Tilts.',
};
const FOLLOWS = {
  lv: 'Jūs saņemat šo e-pastu, jo portālā Tilts izvēlējāties sekot šim ziņojumam.',
  en: 'You receive this email because you chose to follow this report on Tilts.',
  ru: 'Вы получили это письмо, потому что решили следить за этим сообщением на портале Tilts.',
};
/** Of one whose own report was closed as a duplicate of it, and of one who followed that report. */
const DUPLICATE = {
  lv: 'Jūs saņemat šo e-pastu, jo problēma, par kuru ziņojāt portālā Tilts, tika apvienota ar šo ziņojumu.',
  en: 'You receive this email because the problem you reported on Tilts was joined with this report.',
  ru: 'Вы получили это письмо, потому что проблема, о которой вы сообщили на портале Tilts, объединена с этим сообщением.',
};
const JOINED = {
  lv: 'Jūs saņemat šo e-pastu, jo portālā Tilts sekojāt ziņojumam, kas tika apvienots ar šo.',
  en: 'You receive this email because you followed a report on Tilts that was joined with this one.',
  ru: 'Вы получили это письмо, потому что следили на портале Tilts за сообщением, которое объединено с этим.',
};
const FOLLOWERS = { lv: 'sekotajs@example.lv', en: 'follower@example.org', ru: 'podpischik@example.org' };

describe('why a report’s reporter and its followers get its emails: each their own reason', () => {
  let desk: StaffWorkspace;

  beforeEach(async () => {
    desk = await staffWorkspace();
    for (const [language, email] of Object.entries(FOLLOWERS) as ['lv' | 'en' | 'ru', string][])
      await confirmedFollower(desk.context.services, desk.kaunataPublic, { email, name: 'S', language });
  });

  /** The one email about the report this address got: each test makes one piece of news. */
  const sent = async (email: string, reportId = desk.kaunataPublic.id) => {
    const rows = (await desk.context.services
      .knex('outbox')
      .where({ kind: 'report-update', report_id: reportId })
      .whereRaw('lower(to_email) = ?', [email])) as { text_body: string; html_body: string }[];
    assert.equal(rows.length, 1, email);
    return rows[0]!;
  };

  const assertReasons = async () => {
    const own = await sent(desk.kaunataPublic.reporterEmail!);
    assert.ok(own.text_body.includes(REPORTED.lv), 'the reporter reported it');
    assert.ok(own.html_body.includes(REPORTED.lv));
    assert.ok(!own.text_body.includes('sekot'), 'the reporter is not told they follow it');
    for (const [language, email] of Object.entries(FOLLOWERS) as ['lv' | 'en' | 'ru', string][]) {
      const mail = await sent(email);
      assert.ok(mail.text_body.includes(FOLLOWS[language]), `${language}: a follower chose to follow it`);
      assert.ok(mail.html_body.includes(FOLLOWS[language]));
      assert.ok(!mail.text_body.includes(REPORTED[language]), `${language}: a follower did not report it`);
      assert.match(mail.text_body, /unsubscribe\/s/, 'a follower’s own way to stop');
    }
  };

  it('in the news of a public answer', async () => {
    await postForm(desk.worker, `/staff/reports/${desk.kaunataPublic.ref}/update`, {
      status: 'in_progress',
      publicText: 'Bedri aizbērsim rīt.',
    }).expect(303);
    await assertReasons();
  });

  it('in the news that it now goes to another parish', async () => {
    await postForm(desk.admin, `/staff/reports/${desk.kaunataPublic.ref}/move`, {
      category: desk.kaunataPublic.categoryCode,
      parish: 'maltas',
    }).expect(303);
    await assertReasons();
  });

  it('to those who came with a report closed as its duplicate: neither reported nor chose to follow it', async () => {
    const { kaunataPublic, maltaPublic } = desk;
    assert.notEqual(kaunataPublic.reporterEmail, maltaPublic.reporterEmail);
    await postForm(desk.admin, `/staff/reports/${kaunataPublic.ref}/update`, {
      status: 'closed',
      closeReason: 'duplicate',
      duplicateOf: maltaPublic.ref,
      publicText: 'Tā pati bedre.',
    }).expect(303);
    await postForm(desk.admin, `/staff/reports/${maltaPublic.ref}/update`, {
      status: 'in_progress',
      publicText: 'Bedri aizbērsim rīt.',
    }).expect(303);
    const reporter = await sent(kaunataPublic.reporterEmail!, maltaPublic.id);
    assert.ok(reporter.text_body.includes(DUPLICATE.lv), reporter.text_body);
    assert.ok(reporter.html_body.includes(DUPLICATE.lv));
    assert.ok(!reporter.text_body.includes(FOLLOWS.lv) && !reporter.text_body.includes(REPORTED.lv));
    assert.match(reporter.text_body, /unsubscribe\/s/, 'their own way to stop');
    for (const [language, email] of Object.entries(FOLLOWERS) as ['lv' | 'en' | 'ru', string][]) {
      const mail = await sent(email, maltaPublic.id);
      assert.ok(mail.text_body.includes(JOINED[language]), `${language}: followed the duplicate`);
      assert.ok(!mail.text_body.includes(FOLLOWS[language]), `${language}: did not choose this one`);
      assert.match(mail.text_body, /unsubscribe\/s/);
    }
    // The reporter of the report it now is is still told they reported it.
    assert.ok((await sent(maltaPublic.reporterEmail!, maltaPublic.id)).text_body.includes(REPORTED.lv));
  });

  it('says a duplicate’s reporter chose to follow it once they confirm following it themselves', async () => {
    const { kaunataPublic, maltaPublic, context } = desk;
    await postForm(desk.admin, `/staff/reports/${kaunataPublic.ref}/update`, {
      status: 'closed',
      closeReason: 'duplicate',
      duplicateOf: maltaPublic.ref,
      publicText: 'Tā pati bedre.',
    }).expect(303);
    const row = await context.services
      .knex('subscriptions')
      .where({ report_id: maltaPublic.id })
      .whereRaw('lower(email) = ?', [kaunataPublic.reporterEmail!.toLowerCase()])
      .first();
    assert.equal(row.origin, 'duplicate');
    await new SubscriptionRepository(context.services.knex).confirm(row.id, new Date());
    assert.equal(
      (await context.services.knex('subscriptions').where({ id: row.id }).first()).origin,
      'followed',
    );
  });
});
