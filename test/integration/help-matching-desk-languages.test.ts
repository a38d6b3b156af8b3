import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeOffer } from '../support/help.js';
import { addStaff, KAUNATA_WORKER, signIn, type StaffBrowser } from '../support/staff.js';
import { askForHelp, forOtherFields } from './help-requests-helpers.js';

/** The desk's candidates in their order: id, name, and whether marked as sharing no language. */
function candidates(html: string) {
  return [...html.matchAll(/data-qa="candidate" data-id="(\d+)">[\s\S]*?<\/label>/g)].map((found) => ({
    id: Number(found[1]),
    marked: /data-qa="no-common-language"/.test(found[0]),
    mark: /data-qa="no-common-language">([^<]+)</.exec(found[0])?.[1],
  }));
}

describe('the matching desk puts a shared language first, and marks an offer with none', () => {
  let context: TestContext;
  let worker: StaffBrowser;
  let ref: string;
  let latvianOnly: number;
  let russianOtherHelp: number;
  let both: number;

  before(async () => {
    context = await makeApp();
    worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    // A neighbour asks on the Latvian page for a Russian-speaking pensioner: her language, not his page's.
    ({ ref } = await askForHelp(context, forOtherFields({ speaks: ['ru'] }), 'lv'));
    // The best fit by the help, the day and the load, but Latvian only.
    latvianOnly = await makeOffer(context, {
      name: 'Laima Latviete',
      kinds: ['transport', 'shopping'],
      days: 'sat',
      speaks: 'lv',
      capacity: 3,
    });
    // Russian, but another kind of help.
    russianOtherHelp = await makeOffer(context, {
      name: 'Boriss Sergejevs',
      kinds: ['company'],
      speaks: 'ru',
    });
    // Russian and Latvian, one kind asked for, another day.
    both = await makeOffer(context, {
      name: 'Olga Ozola',
      kinds: ['transport'],
      days: 'mon',
      speaks: 'lv,ru',
    });
  });

  for (const [lang, mark, hint] of [
    ['lv', 'Nav kopīgas valodas', /Vispirms tie, kas runā kādā no cilvēka valodām/],
    ['en', 'No common language', /First those who speak one of the person’s languages/],
    ['ru', 'Нет общего языка', /Сначала те, кто говорит на одном из языков человека/],
  ] as const)
    it(`ranks a volunteer with no language in common below every other, marked, in ${lang}`, async () => {
      const page = await worker.agent.get(`/staff/help/requests/${ref}?lang=${lang}`).expect(200);
      assert.deepEqual(candidates(page.text), [
        { id: both, marked: false, mark: undefined },
        { id: russianOtherHelp, marked: false, mark: undefined },
        { id: latvianOnly, marked: true, mark: mark },
      ]);
      assert.match(page.text, hint);
    });

  it('says why, the language first', async () => {
    const page = await worker.agent.get(`/staff/help/requests/${ref}?lang=en`).expect(200);
    const why = (id: number) =>
      [
        ...new RegExp(`id="offer-${id}-why">([\\s\\S]*?)</ul>`)
          .exec(page.text)![1]!
          .matchAll(/<li>([^<]*)<\/li>/g),
      ].map((item) => item[1]);
    assert.deepEqual(why(latvianOnly).slice(0, 2), [
      'Speaks none of the person’s languages',
      'Offers: Transport (lifts to town and back), Shopping and pharmacy',
    ]);
    assert.deepEqual(why(both).slice(0, 2), [
      'Speaks: Russian',
      'Offers: Transport (lifts to town and back)',
    ]);
  });

  it('asks on the request form for the languages of the person the help is for, not the asker’s', async () => {
    for (const [lang, legend] of [
      ['lv', 'Kādās valodās runā cilvēks, kuram vajadzīga palīdzība?'],
      ['en', 'Which languages does the person who needs help speak?'],
      ['ru', 'На каких языках говорит человек, которому нужна помощь?'],
    ] as const) {
      const form = await request(context.app).get(`/help/request?lang=${lang}`).expect(200);
      const field = /data-qa="field-speaks"[\s\S]*?<\/fieldset>/.exec(form.text)![0];
      assert.ok(field.includes(legend), `${lang}: ${field}`);
      assert.match(field, /id="field-speaks-hint"/);
    }
  });
});
