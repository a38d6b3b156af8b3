import assert from 'node:assert/strict';
import { givenNameIn, maskGivenName } from '../../../src/reports/given-name.js';

describe('maskGivenName: a reporter’s given name alone, as an answer greets them', () => {
  it('masks it declined and in either alphabet, written as a name', () => {
    for (const [name, text, masked] of [
      ['Alexander Smith', 'Labdien, Aleksandr! Bedri aizbērsim.', 'Labdien, […]! Bedri aizbērsim.'],
      ['Alexander Smith', 'Здравствуйте, Александр!', 'Здравствуйте, […]!'],
      ['Jānis Kalniņš', 'Jānim atbildējām.', '[…] atbildējām.'],
      ['Иван Петров', 'Иван, спасибо! Ivan, thanks.', '[…], спасибо! […], thanks.'],
      ['Gunita Ozola', 'Labdien, Gunita!', 'Labdien, […]!'],
    ])
      assert.equal(maskGivenName(text!, name!), masked, `${name}: ${text}`);
  });

  it('takes the given name of a name typed surname first, with or without a comma', () => {
    assert.equal(maskGivenName('Paldies, Jāni! Kalniņš.', 'Kalniņš Jānis'), 'Paldies, […]! Kalniņš.');
    assert.equal(maskGivenName('Paldies, Jāni!', 'Kalniņš, Jānis'), 'Paldies, […]!');
  });

  it('leaves the word written as a word, a street named after someone, and a name of one uncommon word', () => {
    assert.equal(maskGivenName('Rīta rasa uz ceļa.', 'Rasa Ozola'), 'Rīta rasa uz ceļa.');
    assert.equal(
      maskGivenName('Darbi Jāņa ielā, Annas laukumā.', 'Jānis Kalniņš'),
      'Darbi Jāņa ielā, Annas laukumā.',
    );
    assert.equal(maskGivenName('Paldies, Kaimiņš!', 'Kaimiņš'), 'Paldies, Kaimiņš!');
    assert.equal(maskGivenName('Paldies, Anna!', 'Anna'), 'Paldies, […]!');
    assert.equal(maskGivenName('Paldies, J.!', 'J. Kalniņš'), 'Paldies, J.!');
    assert.equal(maskGivenName('Paldies!', null), 'Paldies!');
  });

  it('says where an answer names them, as written there', () => {
    assert.equal(givenNameIn('Rīta rasa. Labdien, Rasa!', 'Rasa Ozola'), 'Rasa');
    assert.equal(givenNameIn('rīta rasa', 'Rasa Ozola'), undefined);
  });
});
