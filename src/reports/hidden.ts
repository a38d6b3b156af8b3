/**
 * What a moderator's hiding writes, the same on reports, their updates and their photos: its own
 * module, so that the repositories of all three can use it without importing each other.
 */

/** Who hid something, when and why; `null` shows it again. */
export interface HiddenMark {
  at: Date;
  staffId: number;
  reason: string;
}

/** The columns a hidden row carries (reports, updates and photos alike). */
export function hiddenColumns(mark: HiddenMark | null) {
  return {
    hidden_at: mark?.at ?? null,
    hidden_by_staff_id: mark?.staffId ?? null,
    hidden_reason: mark?.reason ?? null,
  };
}
