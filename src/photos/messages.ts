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
  too_many_files: 'uploads.errors.tooManyFilesNamed',
  over_budget: 'uploads.errors.overBudget',
  no_space: 'uploads.errors.noSpace',
  storage_failed: 'uploads.errors.storageFailed',
};

/** A file name as the resident's device gave it, cut short so a crafted one cannot flood the page. */
export const shortName = (name: string) => (name.length > 80 ? `${name.slice(0, 79)}…` : name);

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
