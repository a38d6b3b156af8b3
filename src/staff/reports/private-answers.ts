import type { Language } from '../../i18n/index.js';
import { dateFormats } from '../../report-pages/dates.js';
import { publicAnswerProblem } from '../../reports/public-answer.js';
import type { AuthorKind, Status } from '../../reports/types.js';
import { readSystemNote } from '../../timeline/system-note.js';

/*
 * A private report's answers are not checked as public ones are (its one reader may need the
 * number given), so one written then may hold a clerk's sign-off. Made public again, the report
 * would publish it with its name and title (a phone or an address would be masked, a signature
 * would not). So the report stays private while such an answer is shown: the refusal names each
 * one (its date and first words) so that an administrator can hide it from the public in
 * moderation (the answer is kept, for staff and in the log), and then the report may be public.
 */

/** A timeline row as making a report public reads it. */
export interface PrivacyRow {
  id: number;
  authorKind: AuthorKind;
  fromStatus: Status | null;
  publicText: string | null;
  internalNote: string | null;
  isPublic: boolean;
  hiddenAt: Date | null;
  createdAt: Date;
}

/** An answer written while the report was private that may not be published as it is. */
export interface UnfitAnswer {
  id: number;
  createdAt: Date;
  text: string;
}

/**
 * The public answers of a private report, written while it was private, that the rule for public
 * answers refuses; `rows` is its timeline, oldest first. Read from the newest back: the report is
 * private now, was public before each "made private" note and private before each "made public"
 * one. A move into a private category leaves no such note: the time before it counts as private,
 * so an answer is passed over only when it was surely written in public (and checked then). An
 * answer a moderator hid is not published, and a resident's words are masked as theirs.
 */
export function unfitPrivateAnswers(rows: readonly PrivacyRow[]): UnfitAnswer[] {
  const unfit: UnfitAnswer[] = [];
  let privateThen = true;
  for (const row of [...rows].reverse()) {
    const note = readSystemNote(row.internalNote);
    if (note?.note === 'private') privateThen = false;
    else if (note?.note === 'public') privateThen = true;
    const answer =
      row.isPublic &&
      row.hiddenAt === null &&
      (row.authorKind === 'staff' || row.authorKind === 'recipient') &&
      row.fromStatus !== 'unconfirmed';
    if (privateThen && answer && row.publicText && publicAnswerProblem(row.publicText))
      unfit.push({ id: row.id, createdAt: row.createdAt, text: row.publicText });
  }
  return unfit.reverse();
}

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
