import assert from 'node:assert/strict';
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
const FOLLOWERS = { lv: 'sekotajs@example.lv', en: 'follower@example.org', ru: 'podpischik@example.org' };

describe('why a report’s reporter and its followers get its emails: each their own reason', () => {
  let desk: StaffWorkspace;

  beforeEach(async () => {
    desk = await staffWorkspace();
    for (const [language, email] of Object.entries(FOLLOWERS) as ['lv' | 'en' | 'ru', string][])
      await confirmedFollower(desk.context.services, desk.kaunataPublic, { email, name: 'S', language });
  });

  /** The one email about the report this address got: each test makes one piece of news. */
  const sent = async (email: string) => {
    const rows = (await desk.context.services
      .knex('outbox')
      .where({ kind: 'report-update', report_id: desk.kaunataPublic.id })
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
});
