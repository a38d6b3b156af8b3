import type { Status } from '../../reports/types.js';
import type { StaffWriting } from '../../timeline/repository.js';

/**
 * How long the same update from the same person is taken for the form sent again (Back, then
 * Save): long enough for someone to look at the page they left, short enough that an answer
 * repeated on purpose later (a reminder, "still waiting for the contractor") is published.
 */
export const REPEAT_WINDOW_MS = 10 * 60 * 1000;

/** What the update form asks for, as the timeline stores it: words trimmed, none as null. */
interface Asked {
  status?: Status | undefined;
  publicText?: string | undefined;
  internalNote?: string | undefined;
}

const words = (text: string | undefined) => text?.trim() || null;

/**
 * Whether `asked` is the update its writer last saved (`last`, within the window) sent again: the
 * same words, and the same status change, which the first has already made (so the report has
 * it now). A status the report does not have is a change still to make, never a repeat.
 */
export function repeatsLast(last: StaffWriting | undefined, asked: Asked, status: Status): boolean {
  if (!last) return false;
  const wanted = asked.status ?? null;
  if (wanted !== null && wanted !== status) return false;
  // No status asked matches an update that changed none, or one that made the report's status
  // what it is: Back shows the page again as it is now (it is never cached), where the status the
  // first form chose is no longer offered, so the browser puts back the words and "no change".
  // The report's own status matches the update that made it so, or one that changed none (a form
  // asking for the status it already had).
  const sameStatus =
    wanted === null
      ? last.toStatus === null || last.toStatus === status
      : last.toStatus === wanted || last.toStatus === null;
  return (
    sameStatus &&
    words(asked.publicText) === last.publicText &&
    words(asked.internalNote) === last.internalNote
  );
}
