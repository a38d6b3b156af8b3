import assert from 'node:assert/strict';
import type { i18n } from 'i18next';
import { createI18n, LANGUAGES } from '../../../src/i18n/index.js';
import { HelpTitles } from '../../../src/help/requests/title.js';

describe('a request for help’s title, in each reader’s language', () => {
  let titles: HelpTitles;
  before(async () => {
    const instance: i18n = await createI18n();
    titles = new HelpTitles((key, lng) => instance.t(key, { lng }));
  });

  it('is made in Latvian and said in English and Russian, kinds with commas in them too', () => {
    const lv = titles.make({ forWhom: 'other', kinds: ['transport', 'digital'] }, 'lv');
    assert.equal(
      lv,
      'Lūgums pēc palīdzības citam cilvēkam: Transports (aizvest, atvest), Digitālā palīdzība (telefons, internets, e-pakalpoj…',
      'cut at 120 characters',
    );
    assert.equal(
      titles.in(lv, 'en'),
      'Request for help for someone else: Transport (lifts to town and back), Digital help (phone, internet, e-services)',
    );
    assert.equal(
      titles.in('Просьба о помощи: Покупки и аптека', 'lv'),
      'Lūgums pēc palīdzības: Iepirkumi un aptieka',
    );
    assert.equal(titles.in('Lūgums pēc palīdzības', 'ru'), 'Просьба о помощи');
  });

  it('reads every title it makes back whole, from any language to any other', () => {
    for (const forWhom of ['self', 'other'] as const)
      for (const kinds of [[], ['shopping'], ['household', 'company'], ['shopping', 'paperwork', 'other']])
        for (const from of LANGUAGES)
          for (const to of LANGUAGES)
            assert.equal(
              titles.in(titles.make({ forWhom, kinds }, from), to),
              titles.make({ forWhom, kinds }, to),
              `${forWhom} ${kinds.join(',')} ${from}→${to}`,
            );
  });

  it('leaves a title staff wrote, or one with other words after the base, as it is', () => {
    for (const title of [
      'Kundzei vajag malku',
      'Lūgums pēc palīdzības: malka līdz piektdienai',
      'Request for help: Transport (lifts to town and back), and a ride home',
      'Request for help:',
    ])
      assert.equal(titles.in(title, 'ru'), title);
  });
});
