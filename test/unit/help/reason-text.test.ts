import assert from 'node:assert/strict';
import type { i18n } from 'i18next';
import { createI18n } from '../../../src/i18n/index.js';
import { reasonText } from '../../../src/help/matching/view.js';
import type { Translate } from '../../../src/i18n/index.js';

describe('why an offer is ranked where it is, in words', () => {
  let instance: i18n;
  before(async () => {
    instance = await createI18n();
  });
  const say = (language: string, capacity: number) =>
    reasonText(instance.getFixedT(language) as Translate, { code: 'load', helping: 0, capacity });

  it('counts the people a volunteer can help in each language’s own plural', () => {
    assert.equal(say('lv', 1), 'Pašlaik palīdz 0 no ne vairāk kā 1 cilvēka');
    assert.equal(say('lv', 3), 'Pašlaik palīdz 0 no ne vairāk kā 3 cilvēkiem');
    assert.equal(say('ru', 1), 'Сейчас помогает 0 из не более чем 1 человека');
    assert.equal(say('ru', 5), 'Сейчас помогает 0 из не более чем 5 человек');
    assert.equal(say('en', 1), 'Helps 0 of up to 1 person now');
    assert.equal(say('en', 2), 'Helps 0 of up to 2 people now');
  });
});
