import assert from 'node:assert/strict';
import { stripQuotedText } from '../../../src/mail/inbound/quotes.js';
import { publicAnswerProblem } from '../../../src/reports/public-answer.js';

/*
 * Вера, Надежда and Любовь (faith, hope, love) are common Russian given names and everyday words:
 * a reply's last line that begins with one and goes on is the answer's, unless a post or an office
 * follows it; alone on its line, or with a surname, it is still a signature.
 */
describe('a given name that is a word too, on the last line of an answer', () => {
  const answer = (last: string) => `Яму засыпали, дорогу починим весной.\n${last}`;

  it('keeps a last line that begins with the word and goes on as a sentence (ru, lv)', () => {
    for (const last of [
      'Надежда – наша главная сила',
      'Любовь — лучшее лекарство',
      'Вера - великая сила',
      'Надежда есть, что дорогу починят',
      'С любовью к посёлку',
      'Ieva – zied jau maijā',
    ]) {
      assert.equal(stripQuotedText(answer(last)), answer(last), last);
      assert.equal(publicAnswerProblem(answer(last)), undefined, last);
    }
  });

  it('cuts and refuses the name alone, beside a surname, or followed by a post or an office', () => {
    for (const last of [
      'Надежда',
      'Надежда Петрова',
      'Надежда, специалист волости',
      'Любовь – Kaunatas pagasta pārvalde',
      'Ieva, pagasta lietvede',
    ]) {
      assert.equal(stripQuotedText(answer(last)), answer('').trim(), last);
      assert.equal(publicAnswerProblem(answer(last))?.code, 'answerSignature', last);
    }
  });
});
