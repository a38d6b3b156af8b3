import assert from 'node:assert/strict';
import {
  checkPublicAnswer,
  publishedAnswer,
  PublicAnswerProblem,
} from '../../../src/reports/public-answer.js';

/** The report's resident, who kept their name back. */
const REPORTER = { reporterName: 'Alexander Smith', showName: false };

/** What a refused answer says: its catalog key and what the message names, or nothing when accepted. */
function refusal(text: string | undefined, isPrivate = false, reporter = REPORTER) {
  try {
    checkPublicAnswer(text, { isPrivate, ...reporter });
    return undefined;
  } catch (error) {
    assert.ok(error instanceof PublicAnswerProblem);
    return { key: error.key, vars: error.vars };
  }
}

describe('checkPublicAnswer: no sign-off, phone number or email address in what staff publish', () => {
  it('accepts an answer of plain words, and an empty one', () => {
    assert.equal(refusal('Bedre aizlāpīta otrdien. Paldies par ziņu!'), undefined);
    assert.equal(refusal(''), undefined);
    assert.equal(refusal(undefined), undefined);
  });

  it('refuses a sign-off and names its first line', () => {
    assert.deepEqual(refusal('Labdien! Bedre aizlāpīta.\n\nAr cieņu,\nAnna Bērziņa'), {
      key: 'staff.report.errors.answerSignature',
      vars: { line: 'Ar cieņu,' },
    });
    assert.deepEqual(
      refusal('Bedre aizlāpīta.\nAr cieņu, Anna Bērziņa')?.key,
      'staff.report.errors.answerSignature',
    );
  });

  it('refuses a phone number, an email address, or both, each with its own message', () => {
    assert.equal(refusal('Zvaniet 64601234.')?.key, 'staff.report.errors.answerPhone');
    assert.equal(refusal('Rakstiet uz parvalde@example.lv.')?.key, 'staff.report.errors.answerEmail');
    assert.equal(
      refusal('Zvaniet 64601234 vai rakstiet uz parvalde@example.lv.')?.key,
      'staff.report.errors.answerContacts',
    );
  });

  it('refuses an answer that greets a reporter who kept their name back by their given name, in any form', () => {
    for (const [text, name] of [
      ['Labdien, Aleksandr! Bedre aizlāpīta.', 'Aleksandr'],
      ['Здравствуйте, Александр! Яму засыпали.', 'Александр'],
      ['Dear Alexander, the pothole is fixed.', 'Alexander'],
    ])
      assert.deepEqual(
        refusal(text),
        { key: 'staff.report.errors.answerReporterName', vars: { name } },
        text,
      );
  });

  it('accepts the given name of a reporter who shows their name, and the word written as a word or a street', () => {
    assert.equal(
      refusal('Labdien, Aleksandr! Bedre aizlāpīta.', false, { ...REPORTER, showName: true }),
      undefined,
    );
    const rasa = { reporterName: 'Rasa Ozola', showName: false };
    assert.equal(refusal('No rīta uz ceļa bija rasa, tāpēc bedri lāpīsim rīt.', false, rasa), undefined);
    const janis = { reporterName: 'Jānis Kalniņš', showName: false };
    assert.equal(refusal('Jāņa ielā bedre aizlāpīta.', false, janis), undefined);
    assert.equal(refusal('Labdien, Jāni!', false, janis)?.key, 'staff.report.errors.answerReporterName');
  });

  it('accepts a name that is a word too starting a sentence as the word, and refuses it said to the reporter', () => {
    const rasa = { reporterName: 'Rasa Ozola', showName: false };
    const nadezhda = { reporterName: 'Надежда Петрова', showName: false };
    assert.equal(refusal('Rasa uz ceļa sasala, bedri lāpīsim rīt.', false, rasa), undefined);
    assert.equal(refusal('Надежда есть: яму засыплем.', false, nadezhda), undefined);
    assert.deepEqual(refusal('Paldies, Rasa! Bedre aizlāpīta.', false, rasa)?.vars, { name: 'Rasa' });
    assert.deepEqual(refusal('Надежда, спасибо! Яма засыпана.', false, nadezhda)?.vars, { name: 'Надежда' });
  });

  it('refuses the surname of a reporter who kept their name back mid-sentence, not starting one', () => {
    const ozola = { reporterName: 'Anna Ozola', showName: false };
    assert.deepEqual(refusal('Paldies Ozolas kundzei! Bedre aizlāpīta.', false, ozola)?.vars, {
      name: 'Ozolas kundzei',
    });
    assert.equal(refusal('Ozola zari nozāģēti, bedre aizlāpīta.', false, ozola), undefined);
  });

  it('leaves a private report’s answer as typed: its one reader may need the number', () => {
    assert.equal(refusal('Zvaniet 64601234.\nAr cieņu,\nAnna Bērziņa', true), undefined);
  });
});

describe('publishedAnswer: an answer’s public words as they are written', () => {
  const report = { isPrivate: false, ...REPORTER };

  it('masks a reply’s greeting of a reporter who kept their name back, and trims it', () => {
    assert.equal(publishedAnswer(' Labdien, Aleksandr! Labots. ', true, report), 'Labdien, […]! Labots.');
  });

  it('keeps the name in a typed answer (refused before), on a private report, or for one who shows it', () => {
    const text = 'Labdien, Aleksandr!';
    assert.equal(publishedAnswer(text, false, report), text);
    assert.equal(publishedAnswer(text, true, { ...report, isPrivate: true }), text);
    assert.equal(publishedAnswer(text, true, { ...report, showName: true }), text);
  });

  it('publishes no words for an empty answer', () => {
    assert.equal(publishedAnswer('  \n', true, report), null);
    assert.equal(publishedAnswer(undefined, false, report), null);
  });
});
