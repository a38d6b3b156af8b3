import type { PhotoErrorCode } from '../uploads/errors.js';
import type { UploadLimit } from '../web/uploads.js';

/** A translated message to show: a catalog key and what it interpolates. */
export interface Message {
  key: string;
  vars?: Record<string, string | number>;
}

/** What a form says of a photo it refused, by the pipeline's reason. */
export const PHOTO_MESSAGES: Record<PhotoErrorCode, string> = {
  not_image: 'uploads.errors.notImage',
  heic_unsupported: 'uploads.errors.heicUnsupported',
  too_large_file: 'uploads.errors.tooLargeFile',
  too_large_dimensions: 'uploads.errors.tooLargeDimensions',
  too_large_avif: 'uploads.errors.tooLargeAvif',
  too_slow: 'uploads.errors.tooSlow',
  too_many_files: 'uploads.errors.tooManyFilesNamed',
  over_budget: 'uploads.errors.overBudget',
  no_space: 'uploads.errors.noSpace',
  storage_failed: 'uploads.errors.storageFailed',
  busy: 'uploads.errors.busy',
};

// Control characters, and the marks that turn the direction of the text after them: a name
// ending in U+202E would show the rest of the sentence around it backwards.
const UNSHOWN = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A file name as the resident's device gave it, cut short (by characters, never half an emoji) so a
 * crafted one cannot flood the page, without the characters that would garble the message around it.
 */
export function shortName(name: string): string {
  const chars = Array.from(name.replace(UNSHOWN, ''));
  return chars.length > 80 ? `${chars.slice(0, 79).join('')}…` : chars.join('');
}

export function uploadLimitMessage(limit: { code: UploadLimit }): Message {
  if (limit.code === 'too_many_files') return { key: 'uploads.errors.tooManyFiles' };
  return { key: 'reportForm.errors.unreadable' };
}

/** One message for each file refused for its size before it was held (see `tooLargePhotos`). */
export const tooLargeMessages = (files: readonly string[]): Message[] =>
  files.map((file) => ({ key: PHOTO_MESSAGES.too_large_file, vars: { file: shortName(file) } }));

/**
 * One message for each file past the room a form has for photos (five, less those it keeps), by
 * name: "at most 5" alone left the resident to guess which of the files they chose were dropped.
 */
export const tooManyMessages = (files: readonly string[]): Message[] =>
  files.map((file) => ({ key: 'uploads.errors.tooManyFilesNamed', vars: { file: shortName(file) } }));
