/*
 * Internal notes Tilts writes itself (a report moved, made private, assigned, masked) are stored
 * as data, not words, so each member of staff reads them in their own language
 * (`staff.notes.<note>` in the catalogs). Notes people write are plain text.
 */

export type SystemNote =
  | { note: 'moved'; from: string; to: string; recipients: string[] }
  /** The public face of a move to another parish: where it now goes, on its page and for staff. */
  | { note: 'rerouted'; parish: string }
  | { note: 'private' }
  | { note: 'public'; reason: string }
  | { note: 'assigned'; name: string | null }
  | { note: 'duplicateOfThis'; ref: string }
  | { note: 'masked'; kinds: string[] }
  | { note: 'taken'; source: string }
  | { note: 'published'; from: string; inboundId: number }
  | { note: 'released'; held: string };

const NOTES = new Set([
  'moved',
  'rerouted',
  'private',
  'public',
  'assigned',
  'duplicateOfThis',
  'masked',
  'taken',
  'published',
  'released',
]);

export function systemNote(note: SystemNote): string {
  return JSON.stringify(note);
}

/** The note as data when Tilts wrote it; undefined for a note a person wrote. */
export function readSystemNote(text: string | null): SystemNote | undefined {
  if (!text?.startsWith('{"note":')) return undefined;
  try {
    const parsed = JSON.parse(text) as { note?: unknown };
    return typeof parsed.note === 'string' && NOTES.has(parsed.note) ? (parsed as SystemNote) : undefined;
  } catch {
    return undefined;
  }
}
