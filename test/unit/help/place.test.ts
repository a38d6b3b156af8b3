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
});
