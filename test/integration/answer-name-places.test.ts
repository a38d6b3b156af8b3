import assert from 'node:assert/strict';
import request from 'supertest';
import type { Report } from '../../src/reports/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { postClerkReply, routedReport } from '../support/reports.inbound.js';
import { addStaff, KAUNATA_CLERK, postForm, signIn, type StaffBrowser } from '../support/staff.js';

/**
 * A hidden reporter whose surname is a farm's, a village's or a street's too (Liepa, Ozols): an
 * answer that names the place is published as written, by email or typed, and one that names the
 * reporter is masked (a reply) or refused in the workspace's language (typed).
 */
describe('answering a hidden reporter whose surname is a place’s name too', () => {
  let context: TestContext;
  let clerk: StaffBrowser;
  let liepa: Report;

  beforeEach(async () => {
    context = await makeApp();
    clerk = await signIn(context, await addStaff(context, KAUNATA_CLERK));
    liepa = await routedReport(context, { showName: false, name: 'Anna Liepa' });
  });

  /** The answers published on the report, oldest first. */
  const published = async (report: Report) =>
    (await context.services
      .knex('report_updates')
      .where({ report_id: report.id })
      .whereNotNull('public_text')
      .orderBy('id')
      .pluck('public_text')) as string[];

  it('publishes a reply naming the place unmasked, and masks the reporter and a family’s home', async () => {
    const place = 'Bedri Liepu ielā aizbērsim, ceļu līdz mājām „Liepas” un Liepās nogreidēsim.';
    assert.equal((await postClerkReply(context, liepa, `#procesā ${place}`)).outcome, 'applied');
    assert.equal(
      (await postClerkReply(context, liepa, 'Zvanījām Liepai. Liepa, paldies! Bedre pie Liepām.')).outcome,
      'applied',
    );
    assert.deepEqual(await published(liepa), [place, 'Zvanījām […]. […], paldies! Bedre pie […].']);
    const page = (await request(context.app).get(`/reports/${liepa.ref}`).expect(200)).text;
    assert.match(page, /Bedri Liepu ielā aizbērsim, ceļu līdz mājām „Liepas” un Liepās nogreidēsim\./);
    assert.doesNotMatch(page, /Zvanījām Liepai/);
  });

  it('publishes a typed answer naming the place, and refuses one naming the reporter (lv, en, ru)', async () => {
    const place = 'Bedri pie Liepām un Liepu ielā aizbērsim; ceļu līdz mājām "Liepas" arī.';
    await postForm(clerk, `/staff/reports/${liepa.ref}/update`, {
      status: 'acknowledged',
      publicText: place,
    }).expect(303);
    assert.deepEqual(await published(liepa), [place]);
    const page = (await request(context.app).get(`/reports/${liepa.ref}`).expect(200)).text;
    assert.match(page, /Bedri pie Liepām un Liepu ielā aizbērsim; ceļu līdz mājām (?:"|&#34;|&quot;)Liepas/);

    for (const [lang, message] of [
      ['lv', /Izdzēsiet no publiskās atbildes iedzīvotāja vārdu “Liepas kundzei”/],
      ['en', /Remove the resident’s name “Liepas kundzei” from the public answer/],
      ['ru', /Удалите из публичного ответа имя жителя «Liepas kundzei»/],
    ] as const) {
      const res = await postForm(clerk, `/staff/reports/${liepa.ref}/update?lang=${lang}`, {
        status: 'in_progress',
        publicText: 'Paldies Liepas kundzei! Bedre Liepu ielā aizbērta.',
      }).expect(422);
      assert.match(res.text, message, lang);
    }
    await postForm(clerk, `/staff/reports/${liepa.ref}/update?lang=en`, {
      publicText: 'Runājām ar Liepu.',
    }).expect(422);
    assert.deepEqual(await published(liepa), [place], 'nothing more is published');
  });

  it('publishes a typed English answer that names the month a reporter is named after', async () => {
    const may = await routedReport(context, { showName: false, name: 'May Smith' });
    await postForm(clerk, `/staff/reports/${may.ref}/update?lang=en`, {
      publicText: 'Thanks, May! We will fix it in May.',
    }).expect(422);
    await postForm(clerk, `/staff/reports/${may.ref}/update`, {
      publicText: 'Thank you! We will fix it in May, by 3 June at the latest.',
    }).expect(303);
    assert.deepEqual(await published(may), ['Thank you! We will fix it in May, by 3 June at the latest.']);
  });

  it('publishes a Russian answer whose last line begins with Надежда, by email and typed', async () => {
    const text = 'Яму засыпали, дорогу починим весной.\nНадежда – наша главная сила';
    assert.equal((await postClerkReply(context, liepa, text)).outcome, 'applied');
    await postForm(clerk, `/staff/reports/${liepa.ref}/update?lang=ru`, { publicText: text }).expect(303);
    assert.deepEqual(await published(liepa), [text, text]);
    const signed = await postForm(clerk, `/staff/reports/${liepa.ref}/update?lang=ru`, {
      publicText: 'Яму засыпали.\n\nНадежда',
    }).expect(422);
    assert.match(signed.text, /«Надежда»/);
  });
});
