import type { Language } from '../../i18n/index.js';
import { dateFormats } from '../../report-pages/dates.js';
import type { UnfitAnswer } from '../../reports/private-answers.js';

/*
 * Making a report public is refused while an answer written when it was private would publish a
 * signature (`reports/private-answers.ts`): the refusal names each one (its date and first words)
 * so that an administrator can hide it from the public in moderation (the answer is kept, for
 * staff and in the log), and then the report may be public.
 */

/** Why a report may not be public yet: the answers to hide first. */
export class PrivateAnswersProblem extends Error {
  constructor(readonly answers: readonly UnfitAnswer[]) {
    super('privateAnswers');
    this.name = 'PrivateAnswersProblem';
  }
}

const FIRST_WORDS = 8;
const QUOTES: Record<Language, [string, string]> = { lv: ['“', '”'], en: ['“', '”'], ru: ['«', '»'] };

/** Each answer as a clerk finds it in the timeline: its date and time, and its first words. */
export function answersNamed(answers: readonly UnfitAnswer[], language: Language): string {
  const { dateTime } = dateFormats(language);
  const [open, close] = QUOTES[language];
  return answers
    .map((answer) => {
      const words = answer.text.trim().split(/\s+/u);
      const first = words.slice(0, FIRST_WORDS).join(' ') + (words.length > FIRST_WORDS ? ' …' : '');
      return `${dateTime(answer.createdAt)} ${open}${first}${close}`;
    })
    .join('; ');
}
