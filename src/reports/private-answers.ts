import { publicAnswerProblem, type AnsweredReporter } from './public-answer.js';
import type { AuthorKind, Status } from './types.js';
import { readSystemNote } from '../timeline/system-note.js';

/*
 * A private report's answers are not checked as public ones are (its one reader may need the
 * number given), so one written then may hold a clerk's sign-off. Made public again, the report
 * would publish it with its name and title (a phone or an address would be masked, a signature
 * would not). So the report stays private while such an answer is shown (staff report actions),
 * and a moderator cannot show such an answer again once hidden on a public report (moderation).
 */

/** A timeline row as the rule reads it (`TimelineRepository.privacyRows`). */
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
 * The public answers of a report, written while it was private, that the rule for public answers
 * refuses; `rows` is its timeline, oldest first, and `privateNow` whether it is private now. Read
 * from the newest back: a report was public before each "made private" note and private before
 * each "made public" one (only such a note makes a report public; a move into a private category
 * makes it private without one, so while private the time before it counts as private too: an
 * answer is passed over only when it was surely written in public, and checked then). An answer a
 * moderator hid is not published, and a resident's words are masked as theirs. `reporter`: the
 * report's resident, whose given name an answer may not greet them by if they kept their name back.
 */
export function unfitPrivateAnswers(
  rows: readonly PrivacyRow[],
  privateNow: boolean,
  reporter: AnsweredReporter,
): UnfitAnswer[] {
  const unfit: UnfitAnswer[] = [];
  let privateThen = privateNow;
  for (const row of [...rows].reverse()) {
    const note = readSystemNote(row.internalNote);
    if (note?.note === 'private') privateThen = false;
    else if (note?.note === 'public') privateThen = true;
    const answer =
      row.isPublic &&
      row.hiddenAt === null &&
      (row.authorKind === 'staff' || row.authorKind === 'recipient') &&
      row.fromStatus !== 'unconfirmed';
    if (privateThen && answer && row.publicText && publicAnswerProblem(row.publicText, [], reporter))
      unfit.push({ id: row.id, createdAt: row.createdAt, text: row.publicText });
  }
  return unfit.reverse();
}
