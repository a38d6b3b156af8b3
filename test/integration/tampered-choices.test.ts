import assert from 'node:assert/strict';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';
import { addStaff, KAUNATA_WORKER, postForm as postStaffForm, signIn } from '../support/staff.js';
import { offerFields, sendOffer } from './help-offers-helpers.js';
import { postRequest, requestFields } from './help-requests-helpers.js';
import { postForm, validFields } from './report-form-helpers.js';

/** The lines of the page's error summary, as read. */
function summaryLines(html: string): string[] {
  const summary = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0];
  assert.ok(summary, 'an error summary');
  return [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((line) =>
    line[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** Two tampered fields give two lines, different, each saying which field it is about. */
function assertNamed(html: string, expected: Record<string, RegExp>) {
  const lines = summaryLines(html);
  for (const [field, message] of Object.entries(expected)) {
    const line = lines.find((one) => message.test(one));
    assert.ok(line, `a line about ${field} in ${JSON.stringify(lines)}`);
    assert.match(html, new RegExp(`<a href="#field-${field}">[^<]*${message.source}`));
  }
  assert.equal(new Set(lines).size, lines.length, `no line twice: ${JSON.stringify(lines)}`);
}

describe('a choice that is not one of the options names its field: two tampered fields, two lines', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('the request for help: a category and a parish that do not exist, and an unknown “for whom” and day', async () => {
    const tampered = requestFields({ category: 'zzz', parish: 'zzz', wants: 'zzz', days: ['zzz'] });
    assertNamed((await postRequest(context, tampered, 'en').expect(422)).text, {
      category: /Choose what your request is about from the list\./,
      parish: /Choose the parish or town from the list\./,
      wants: /Choose what you would like from the options shown/,
      days: /Choose the days from the options shown\./,
    });
    assertNamed((await postRequest(context, tampered, 'lv').expect(422)).text, {
      category: /Izvēlieties no saraksta, par ko ir jūsu lūgums\./,
      parish: /Izvēlieties pagastu vai pilsētu no saraksta\./,
      wants: /Izvēlieties no piedāvātajām iespējām, ko vēlaties/,
      days: /Izvēlieties dienas no piedāvātajām iespējām\./,
    });
    const forOther = requestFields({ for_whom: 'zzz', kinds: ['zzz'], speaks: ['zzz'] });
    assertNamed((await postRequest(context, forOther, 'ru').expect(422)).text, {
      for_whom: /Выберите из предложенных вариантов, кому нужна помощь\./,
      kinds: /Выберите вид помощи из предложенных вариантов\./,
      speaks: /Выберите языки из предложенных вариантов\./,
    });
    assert.equal((await context.services.knex('help_requests')).length, 0, 'nothing stored');
  });

  it('the offer of help: kinds, parishes, days and languages that do not exist', async () => {
    const tampered = offerFields({ kinds: ['zzz'], parishes: ['zzz'], days: ['zzz'], speaks: ['zzz'] });
    assertNamed((await sendOffer(context.app, tampered, 'en').expect(422)).text, {
      kinds: /Choose the kinds of help from the list\./,
      parishes: /Choose the parishes from the list\./,
      days: /Choose the days from the list\./,
      speaks: /Choose the languages from the list\./,
    });
    assertNamed((await sendOffer(context.app, tampered, 'lv').expect(422)).text, {
      kinds: /Izvēlieties palīdzības veidus no saraksta\./,
      parishes: /Izvēlieties pagastus no saraksta\./,
      days: /Izvēlieties dienas no saraksta\./,
      speaks: /Izvēlieties valodas no saraksta\./,
    });
  });

  it('the staff form making a report a request: an unknown “do they know” and kind of help', async () => {
    const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    const { report } = await makeReport(context.services, { category: 'social-other' });
    const tampered = {
      for_whom: 'other',
      subject_name: 'Kārlis',
      subject_knows: 'zzz',
      kinds: 'zzz',
      wants: 'visit',
    };
    const path = `/staff/help/requests/${report.ref}/new`;
    assertNamed((await postStaffForm(worker, `${path}?lang=en`, tampered).expect(422)).text, {
      subject_knows: /Choose from the options shown whether the person knows and agrees\./,
      kinds: /Choose the kind of help from the options shown\./,
    });
    assertNamed((await postStaffForm(worker, `${path}?lang=lv`, tampered).expect(422)).text, {
      subject_knows: /Izvēlieties no piedāvātajām iespējām, vai cilvēks zina un piekrīt\./,
      kinds: /Izvēlieties palīdzības veidu no piedāvātajām iespējām\./,
    });
  });

  it('the report form: a category and a parish that do not exist', async () => {
    const tampered = validFields({ category: 'zzz', parish: 'zzz' });
    assertNamed((await postForm(context.app, tampered, { lang: 'en' }).expect(422)).text, {
      category: /There is no such category\. Please choose one from the list\./,
      parish: /There is no such parish\. Please choose one from the list\./,
    });
    assertNamed((await postForm(context.app, tampered, { lang: 'lv' }).expect(422)).text, {
      category: /Šādas kategorijas nav\./,
      parish: /Šāda pagasta nav\./,
    });
  });
});
