import assert from 'node:assert/strict';
import { givesPlace } from '../../../src/help/matching/place.js';

describe('whether the words to a volunteer give the place the person typed', () => {
  it('finds the place in other case, spacing, punctuation and without the Latvian marks', () => {
    for (const text of [
      'Нужно отвезти к врачу, адрес Skolas iela 5',
      'Brauciens no SKOLAS  IELA 5.',
      'Paņemt pie Skolas ielā 5, otrdien.',
      'adrese: skolas iela5',
      'adrese: Skolasiela 5',
    ])
      assert.ok(givesPlace(text, 'Skolas iela 5'), text);
  });

  it('finds a street and house of a longer place, not only the whole of it', () => {
    assert.ok(givesPlace('Kundze dzīvo Liepu ielā 7.', 'Kaunata, Liepu iela 7'));
    assert.ok(givesPlace('Kaunata, Liepu iela 7, 2. stāvs', 'Kaunata, Liepu iela 7'));
  });

  it('finds a street and its number with or without the word for a street, in any order, declined or in Cyrillic', () => {
    for (const [text, place] of [
      ['Vajag aizvest kungu pie ārsta, Liepu iela 7, Kaunata', 'Kaunata, Liepu 7'],
      ['Vajag aizvest kungu pie ārsta, Liepu 7', 'Liepu iela 7'],
      ['Paņemt Liepu ielā, mājā nr. 7', 'Kaunata, Liepu iela 7'],
      ['Адрес: ул. Лиепу, 7', 'Liepu iela 7'],
      ['улица Лиепу 7', 'Kaunata, Liepu iela 7'],
      ['Dzīvo Jaunajā ielā 3', 'Jaunā iela 3'],
      ['Pick up at 7 Liepu Street', 'Liepu iela 7'],
      ['Liepu iela 7', 'Kaunata Liepu iela 7'],
      ['Barona 7, otrais stāvs', 'Krišjāņa Barona iela 7'],
    ] as const)
      assert.ok(givesPlace(text, place), `${place} in ${text}`);
  });

  it('lets through the street without its number, or a number that is no house', () => {
    for (const text of [
      'Liepu iela 17',
      'No Liepu ielas, 3 kastes, 7 maisi',
      'Sestdien ap 7 pie Liepām',
      'Liepu aleja ir skaista; 7 dienas',
    ])
      assert.equal(givesPlace(text, 'Liepu iela 7'), false, text);
  });

  it('lets through words that only share a part of a word, another number or the village', () => {
    assert.equal(givesPlace('Skolas iela 55', 'Skolas iela 5'), false);
    assert.equal(givesPlace('Jaunskolas iela 5', 'Skolas iela 5'), false);
    assert.equal(givesPlace('Vecāka kundze Kaunatā vēlas tikt uz Rēzekni.', 'Kaunata, Liepu iela 7'), false);
    assert.equal(givesPlace('Sestdien ap 5 pie ārsta.', 'Kaunata, 5'), false);
    assert.equal(givesPlace('Jebkas', ''), false);
    // A place with no number is a village or a parish, which the volunteer is told anyway.
    assert.equal(givesPlace('Brauciens uz Kaunatu, Kaunata', 'Kaunata'), false);
    assert.equal(givesPlace('Palīdzēt Ozolmuižā ar iepirkšanos', 'Ozolmuiža'), false);
  });

  it('finds a street and house the asker wrote in the request itself, by the word for a street', () => {
    const description =
      'Dzīvoju Skolas ielā 5, 2. stāvā. Pārtika jāatnes 2 reizes nedēļā; ul. Лиепу 7 ir meitas māja.';
    for (const text of ['Atnest pārtiku uz Skolas iela 5', 'Skolas 5, otrdienās', 'Pie meitas, Liepu 7'])
      assert.ok(givesPlace(text, 'Kaunata', description), text);
    assert.ok(givesPlace('Brauciens no 7 Liepu', 'Kaunata', 'Pick up at 7 Liepu Street'));
  });

  it('does not read the numbers of a description as houses without a word for a street', () => {
    const description = 'Pārtika jāatnes 2 reizes nedēļā, apmēram 5 maisi. Skolas ielā strādā meita.';
    for (const text of [
      'Pārtika 2 reizes nedēļā',
      'Apmēram 5 maisi',
      'Meita strādā Skolas ielā',
      'Skolas iela 6',
    ])
      assert.equal(givesPlace(text, 'Kaunata', description), false, text);
  });
});
