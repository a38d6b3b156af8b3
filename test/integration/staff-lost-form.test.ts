import assert from 'node:assert/strict';
import type { TestContext } from '../support/app.js';
import type { StaffBrowser } from '../support/staff.js';
import { staffWorkspace } from '../support/staff-workspace.js';
import type { Report } from '../../src/reports/types.js';

/** A clerk writes a long answer, and meanwhile the session ends (30 idle minutes, another tab). */
describe('a staff form sent after its session ended, or from an old page', () => {
  let context: TestContext;
  let worker: StaffBrowser;
  let admin: StaffBrowser;
  let report: Report;
  const answer = 'Darbi sāksies pirmdien.\nBrigāde atbrauks no rīta.';

  beforeEach(async () => {
    const workspace = await staffWorkspace();
    ({ context, worker, admin } = workspace);
    report = workspace.kaunataPublic;
  });

  it('says the worker was signed out, shows back what they typed, and leads to signing in and to the page', async () => {
    const csrf = worker.csrf;
    await worker.agent.post('/staff/sign-out').type('form').send({ _csrf: csrf }).expect(303);
    const res = await worker.agent
      .post(`/staff/reports/${report.ref}/update?lang=en`)
      .type('form')
      // As a browser sends it: no Referer (our policy), the form's own page in `_page`.
      .send({
        _csrf: csrf,
        _page: `/staff/reports/${report.ref}`,
        status: 'in_progress',
        publicText: answer,
        internalNote: 'Zvanīt Jānim.',
      })
      .expect(403);
    assert.match(res.text, /<h1>You are signed out<\/h1>/);
    assert.match(
      res.text,
      /<label for="typed-\d">Public answer<\/label>\s*<textarea id="typed-\d" rows="\d+" readonly>Darbi sāksies pirmdien\.\nBrigāde atbrauks no rīta\.<\/textarea>/,
    );
    assert.match(res.text, />Zvanīt Jānim\.<\/textarea>/);
    assert.doesNotMatch(res.text, new RegExp(csrf), 'never the form’s token');
    assert.doesNotMatch(res.text, /readonly>in_progress</, 'a chosen status is no text to copy');
    assert.doesNotMatch(res.text, /readonly>\/staff\/reports/, 'nor the page the form was on');
    assert.match(res.text, new RegExp(`href="/staff/sign-in\\?next=%2Fstaff%2Freports%2F${report.ref}"`));
    assert.match(res.text, new RegExp(`href="/staff/reports/${report.ref}" data-qa="lost-form-page"`));
    assert.equal(
      (await context.services.reportRepository.byId(report.id))!.status,
      'open',
      'nothing changed',
    );
  });

  it('says a form from an old page has expired, with what was typed, and a link back to the page', async () => {
    const res = await worker.agent
      .post(`/staff/reports/${report.ref}/update?lang=en`)
      .set('Referer', `http://tilts.test/staff/reports/${report.ref}`)
      .type('form')
      .send({ _csrf: 'old-token-of-another-session', publicText: answer })
      .expect(403);
    assert.match(res.text, /<h1>This form has expired<\/h1>/);
    assert.match(res.text, /This form has expired\. Please go back, reload the page and try again\./);
    assert.match(res.text, /Brigāde atbrauks no rīta\./);
    assert.match(res.text, new RegExp(`href="/staff/reports/${report.ref}" data-qa="lost-form-next"`));
    // A Referer from elsewhere is not a place to send anyone back to.
    const elsewhere = await worker.agent
      .post(`/staff/reports/${report.ref}/update?lang=en`)
      .set('Referer', 'https://evil.example/staff/x')
      .type('form')
      .send({ _csrf: 'old', publicText: answer })
      .expect(403);
    assert.match(elsewhere.text, /href="\/staff" data-qa="lost-form-next"/);
  });

  it('shows back nothing of a form another site sent: its words are not ours to show on a staff page', async () => {
    // A page elsewhere posts to a staff form (no token it can know) and so opens, in the member's
    // browser, a Tilts page with its own words in it ("call this number…") and its own way back.
    const planted = 'Jūsu sesija ir bloķēta: zvaniet +371 29999999 un nosauciet kodu.';
    for (const [header, value] of [
      ['Sec-Fetch-Site', 'cross-site'],
      ['Sec-Fetch-Site', 'same-site'],
      ['Origin', 'https://evil.example'],
    ] as const) {
      const res = await worker.agent
        .post(`/staff/reports/${report.ref}/update?lang=en`)
        .set(header, value)
        .type('form')
        .send({ _page: '/staff/admin/staff', publicText: planted, internalNote: planted })
        .expect(403);
      assert.match(res.text, /<h1>This form has expired<\/h1>/, `${header}: ${value}`);
      assert.doesNotMatch(res.text, /29999999|bloķēta/, `${header}: ${value}`);
      assert.match(res.text, /href="\/staff" data-qa="lost-form-next"/, `${header}: ${value}`);
    }
    // The member's own form, from our page, is still shown back.
    const own = await worker.agent
      .post(`/staff/reports/${report.ref}/update?lang=en`)
      .set('Sec-Fetch-Site', 'same-origin')
      .set('Origin', 'http://tilts.test')
      .type('form')
      .send({ _csrf: 'old', _page: `/staff/reports/${report.ref}`, publicText: answer })
      .expect(403);
    assert.match(own.text, /Brigāde atbrauks no rīta\./);
    assert.match(own.text, new RegExp(`href="/staff/reports/${report.ref}" data-qa="lost-form-next"`));
    // A browser too old to say where a request comes from sends `Origin: null` for our own forms.
    const older = await worker.agent
      .post(`/staff/reports/${report.ref}/update?lang=en`)
      .set('Origin', 'null')
      .type('form')
      .send({ _csrf: 'old', _page: `/staff/reports/${report.ref}`, publicText: answer })
      .expect(403);
    assert.match(older.text, /Brigāde atbrauks no rīta\./);
  });

  it('takes a token of the right length in characters but not in bytes for an old one, not for a 500', async () => {
    // A token mangled on its way (a proxy or a browser re-encoding the form): as many characters as
    // the session's, more bytes. It is an expired form like any other, and what was typed is kept.
    const res = await worker.agent
      .post(`/staff/reports/${report.ref}/update?lang=en`)
      .type('form')
      .send({
        _csrf: 'ā'.repeat(worker.csrf.length),
        _page: `/staff/reports/${report.ref}`,
        publicText: answer,
      })
      .expect(403);
    assert.match(res.text, /<h1>This form has expired<\/h1>/);
    assert.match(res.text, /Brigāde atbrauks no rīta\./);
  });

  it('labels what was typed into an admin form by its field, not as "Text" four times', async () => {
    const res = await admin.agent
      .post('/staff/admin/categories/roads?lang=en')
      .type('form')
      .send({ _csrf: 'old', name_lv: 'Ceļi', name_en: 'Roads', name_ru: 'Дороги', target_days: '12' })
      .expect(403);
    for (const label of ['Name in Latvian', 'Name in English', 'Name in Russian', 'Target in working days'])
      assert.match(res.text, new RegExp(`<label for="typed-\\d+">${label}</label>`), label);
    assert.doesNotMatch(res.text, /<label for="typed-\d+">Text<\/label>/);
  });
});
