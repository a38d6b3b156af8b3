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

  describe('a given name that is a word too, at the start of a sentence', () => {
    it('leaves the word where it starts a sentence as a word (lv, en, ru)', () => {
      for (const [name, text] of [
        ['Rasa Ozola', 'Rasa uz ceļa sasala. Rasas dēļ ceļš slidens.'],
        ['Liepa Kalniņa', 'Bedre aizlāpīta.\nLiepa pie skolas nozāģēta.'],
        ['Rita Bērziņa', 'Rīt bedri aizbērsim. Rīta pusē.'],
        ['Saule Kalniņa', '— Saule spīd, asfaltu liksim.'],
        ['Hope Miller', 'Hope is not a plan. We fixed it.'],
        ['Will Smith', 'Will the road be closed? No.'],
        ['Надежда Петрова', 'Надежда есть. Яму засыплем.'],
        ['Вера', '«Вера в лучшее» — не ответ.'],
        ['James Smith', 'Яма засыпана. Яму закрыли.'],
      ])
        assert.equal(maskGivenName(text!, name!), text, `${name}: ${text}`);
    });

    it('masks the same word said to the reporter, mid-sentence, or beside their surname (lv, en, ru)', () => {
      for (const [name, text, masked] of [
        ['Rasa Ozola', 'Labdien, Rasa! Rasa, paldies.', 'Labdien, […]! […], paldies.'],
        [
          'Rasa Ozola',
          'Labdien Rasa\nRasa\nRasa Ozola zvanīja, Ozola Rasa arī.',
          'Labdien […]\n[…]\n[…] zvanīja, […] arī.',
        ],
        ['Rasa Ozola', 'Paldies Rasai par ziņu.', 'Paldies […] par ziņu.'],
        ['Hope Miller', 'Dear Hope, thanks. Hope! Hope Miller wrote.', 'Dear […], thanks. […]! […] wrote.'],
        ['Надежда Петрова', 'Надежда, спасибо! Спасибо, Надежда.', '[…], спасибо! Спасибо, […].'],
        ['Надежда Петрова', 'Надежда Петрова писала. Ответили Надежде.', '[…] писала. Ответили […].'],
      ])
        assert.equal(maskGivenName(text!, name!), masked, `${name}: ${text}`);
    });

    it('masks a name that is no word wherever it starts a sentence, as before', () => {
      assert.equal(maskGivenName('Rita zvanīja. Juris arī.', 'Rita Juris'), '[…] zvanīja. Juris arī.');
      assert.equal(maskGivenName('Jurim atbildējām.', 'Juris Ozols'), '[…] atbildējām.');
      assert.equal(maskGivenName('Jūra tuvu.', 'Juris Ozols'), 'Jūra tuvu.');
    });

    it('says where an answer names them, passing over the word', () => {
      assert.equal(givenNameIn('Rasa uz ceļa. Paldies, Rasa!', 'Rasa Ozola'), 'Rasa');
      assert.equal(givenNameIn('Rasa uz ceļa sasala.', 'Rasa Ozola'), undefined);
      assert.equal(givenNameIn('Надежда есть.', 'Надежда'), undefined);
    });
  });

  describe('the surname alone', () => {
    it('masks it capitalised mid-sentence, with its title as one, or without a title (lv, en, ru)', () => {
      for (const [name, text, masked] of [
        ['Jānis Ozols', 'Atbildējām Ozola kungam; zvanīja Ozolam.', 'Atbildējām […]; zvanīja […].'],
        ['Anna Ozola', 'Paldies Ozolas kundzei!', 'Paldies […]!'],
        ['John Miller', 'We called Mr Miller, and Miller said yes.', 'We called […], and […] said yes.'],
        ['Иван Петров', 'Ответили господину Петрову.', 'Ответили […].'],
      ])
        assert.equal(maskGivenName(text!, name!), masked, `${name}: ${text}`);
    });

    it('leaves it at the start of a sentence, written as a word, or naming a street', () => {
      for (const [name, text] of [
        ['Jānis Ozols', 'Ozols pie skolas nozāģēts. Ozolu iela slēgta, bedre pie Ozola ielas. Vecais ozols.'],
        ['John Miller', 'Miller Street is closed; the pothole on Miller Street is fixed.'],
        ['Иван Петров', 'Петров — частая фамилия.'],
      ])
        assert.equal(maskGivenName(text!, name!), text, `${name}: ${text}`);
    });

    it('says where an answer names them by it', () => {
      assert.equal(givenNameIn('Ozols nozāģēts. Paldies Ozola kungam.', 'Jānis Ozols'), 'Ozola kungam');
      assert.equal(givenNameIn('Ozols nozāģēts. Zvanījām Ozolam.', 'Jānis Ozols'), 'Ozolam');
      assert.equal(givenNameIn('Ozols nozāģēts.', 'Jānis Ozols'), undefined);
    });
  });
});
