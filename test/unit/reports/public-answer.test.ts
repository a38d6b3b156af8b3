import assert from 'node:assert/strict';
import { checkPublicAnswer, PublicAnswerProblem } from '../../../src/reports/public-answer.js';

/** What a refused answer says: its catalog key and what the message names, or nothing when accepted. */
function refusal(text: string | undefined, isPrivate = false) {
  try {
    checkPublicAnswer(text, { isPrivate });
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

  it('leaves a private report’s answer as typed: its one reader may need the number', () => {
    assert.equal(refusal('Zvaniet 64601234.\nAr cieņu,\nAnna Bērziņa', true), undefined);
  });
});
