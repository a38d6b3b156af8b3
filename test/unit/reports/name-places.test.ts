import assert from 'node:assert/strict';
import { givenNameIn, maskGivenName } from '../../../src/reports/given-name.js';

/*
 * A reporter's surname or given name that names a place or a date in an answer: a stored reply
 * (maskGivenName) keeps it where the place is certain, a typed answer (givenNameIn, refused) where
 * it is at least probable; where it is the person, both mask or refuse it, as before.
 */
describe('a name that is a place or a date in an answer (name-places.ts)', () => {
  it('keeps a surname that is a farm, a village or a street, mid-sentence (lv, en, ru)', () => {
    for (const [name, text] of [
      ['Jānis Ozols', 'Ceļu līdz mājām "Ozoli" nogreidēsim.'],
      ['Jānis Ozols', 'Ceļu līdz mājām „Vecie Ozoli” nogreidēsim, arī uz ‘Ozoliem’.'],
      ['Jānis Kalniņš', 'Tiltu pie mājām "Kalniņi" salabosim, ceļu uz „Kalniņiem” arī.'],
      ['Jānis Bērziņš', 'Lampas nomainīsim Bērziņu ciemā un Bērziņu pagastā.'],
      ['Anna Liepa', 'Bedri aizbērsim Liepu ielā un Liepās, kur dzīvo daudzi.'],
      ['Anna Liepa', 'Bedre pie Liepu pieturas aizbērta.'],
      ['John Baker', 'The pothole on Baker Lane, by Baker Farm, is filled.'],
      ['Ольга Берёзка', 'Дорогу у Берёзок и в Берёзках починим, и у хутора «Берёзка».'],
    ])
      assert.equal(maskGivenName(text!, name!), text, `${name}: ${text}`);
  });

  it('masks in a stored reply, but does not refuse typed, a surname that is only probably a place', () => {
    for (const [name, text, masked] of [
      ['Anna Liepa', 'Bedri pie Liepām aizbērsim.', 'Bedri pie […] aizbērsim.'],
      ['Jānis Ozols', 'Ceļu mājās Ozoli nogreidēsim.', 'Ceļu mājās […] nogreidēsim.'],
      ['Jānis Ozols', 'Ceļu līdz Ozoliem nogreidēsim.', 'Ceļu līdz […] nogreidēsim.'],
      ['Ольга Берёзка', 'Дорогу в деревне Берёзки починим.', 'Дорогу в деревне […] починим.'],
    ]) {
      assert.equal(maskGivenName(text!, name!), masked, `${name}: ${text}`);
      assert.equal(givenNameIn(text!, name!), undefined, `${name}: ${text}`);
    }
  });

  it('still masks and refuses the surname said of the person (lv, en, ru)', () => {
    for (const [name, text, masked, named] of [
      ['Anna Ozola', 'Zvanījām Ozolai, bedre aizbērta.', 'Zvanījām […], bedre aizbērta.', 'Ozolai'],
      [
        'Jānis Ozols',
        'Ozola kungs zvanīja. Mājās Ozola kungs nebija.',
        'Ozola kungs zvanīja. Mājās […] nebija.',
        'Ozola kungs',
      ],
      ['Anna Liepa', 'Runājām ar Liepu, bedri aizbērsim.', 'Runājām ar […], bedri aizbērsim.', 'Liepu'],
      ['Anna Liepa', 'Paldies Liepas kundzei!', 'Paldies […]!', 'Liepas kundzei'],
      ['Anna Liepa', 'Aizgājām pie Liepas uz mājām.', 'Aizgājām pie […] uz mājām.', 'Liepas'],
      ['John Baker', 'We met Baker at the farm.', 'We met […] at the farm.', 'Baker'],
      ['Ольга Берёзка', 'Мы спросили у Берёзки.', 'Мы спросили у […].', 'Берёзки'],
      ['Jānis Ozols', 'Paldies Ozolam pagasta vārdā.', 'Paldies […] pagasta vārdā.', 'Ozolam'],
      ['Jānis Ozols', 'Vakar mājās Ozolam nebija gaismas.', 'Vakar mājās […] nebija gaismas.', 'Ozolam'],
      ['Jānis Ozols', 'Jau ziņojām Ozolam mājās.', 'Jau ziņojām […] mājās.', 'Ozolam'],
    ]) {
      assert.equal(maskGivenName(text!, name!), masked, `${name}: ${text}`);
      assert.equal(givenNameIn(text!, name!), named, `${name}: ${text}`);
    }
  });

  it('still masks a name in quotes that is said to them, and a given name or surname addressed at the start', () => {
    assert.equal(
      maskGivenName('Rakstījām: "Ozola kungs, paldies".', 'Jānis Ozols'),
      'Rakstījām: "[…], paldies".',
    );
    assert.equal(
      maskGivenName('Liepa, paldies! Bedre aizbērta.', 'Liepa Kalniņa'),
      '[…], paldies! Bedre aizbērta.',
    );
    assert.equal(
      maskGivenName('Liepa, paldies! Bedre aizbērta.', 'Anna Liepa'),
      '[…], paldies! Bedre aizbērta.',
    );
    assert.equal(givenNameIn('Liepa, paldies!', 'Anna Liepa'), 'Liepa');
    assert.equal(maskGivenName('Liepa pie skolas nozāģēta.', 'Anna Liepa'), 'Liepa pie skolas nozāģēta.');
  });

  it('keeps an English month or weekday used as a date, and masks it said to the reporter', () => {
    for (const [name, text, masked] of [
      ['May Smith', 'We will fix it in May. Thanks, May!', 'We will fix it in May. Thanks, […]!'],
      ['June Smith', 'Fixed on 3 June, by June 2027 at the latest; June 5 too.', undefined],
      ['April Jones', 'From the end of April until mid-April next year.', undefined],
      [
        'August Brown',
        'Work starts early August. Dear August, thank you.',
        'Work starts early August. Dear […], thank you.',
      ],
      ['July Green', 'July is when we start, next July.', undefined],
      ['June Smith', 'We asked June about it.', 'We asked […] about it.'],
      ['May Smith', 'We wrote on May’s behalf in May.', 'We wrote on […]’s behalf in May.'],
    ])
      assert.equal(maskGivenName(text!, name!), masked ?? text, `${name}: ${text}`);
    assert.equal(givenNameIn('We will fix it in May.', 'May Smith'), undefined);
    assert.equal(givenNameIn('We will fix it in May, May.', 'May Smith'), 'May');
  });
});
