import { AppError } from '../web/errors.js';

/** Why a photo was refused; the web layer maps each code to a translated message. */
export type PhotoErrorCode =
  | 'not_image'
  | 'too_large_file'
  | 'too_large_dimensions'
  // An AVIF over its own, lower, pixel limit (photo-processor.ts).
  | 'too_large_avif'
  // Its encoding ran past the time one photo may take.
  | 'too_slow'
  | 'heic_unsupported'
  | 'too_many_files'
  // The client's hourly upload budget was spent: the file was read past, never stored.
  | 'over_budget'
  // The photo was fine but could not be written: the disk is full, or the storage failed.
  | 'no_space'
  | 'storage_failed'
  // Too many photos were waiting for the decoder: the form's sender tries again in a minute.
  | 'busy';

const STATUS: Record<PhotoErrorCode, number> = {
  not_image: 415,
  heic_unsupported: 415,
  too_large_file: 413,
  too_large_dimensions: 413,
  too_large_avif: 413,
  too_slow: 422,
  too_many_files: 413,
  over_budget: 429,
  no_space: 507,
  storage_failed: 503,
  busy: 503,
};

const MESSAGE_KEY: Record<PhotoErrorCode, string> = {
  not_image: 'uploads.errors.notImage',
  heic_unsupported: 'uploads.errors.heicUnsupported',
  too_large_file: 'uploads.errors.tooLargeFile',
  too_large_dimensions: 'uploads.errors.tooLargeDimensions',
  too_large_avif: 'uploads.errors.tooLargeAvif',
  too_slow: 'uploads.errors.tooSlow',
  too_many_files: 'uploads.errors.tooManyFiles',
  over_budget: 'uploads.errors.overBudget',
  no_space: 'uploads.errors.noSpace',
  storage_failed: 'uploads.errors.storageFailed',
  busy: 'uploads.errors.busy',
};

/** A storage failure as the resident's form words it: the disk is full, or something else broke. */
export function storageRefusal(error: unknown): PhotoError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return new PhotoError(code === 'ENOSPC' || code === 'EDQUOT' ? 'no_space' : 'storage_failed', {
    cause: error,
  });
}

export class PhotoError extends AppError {
  declare readonly code: PhotoErrorCode;

  constructor(code: PhotoErrorCode, options?: { cause?: unknown }) {
    super(STATUS[code], code, MESSAGE_KEY[code]);
    // The decoder's own message is kept for the log, never shown to the resident.
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export function isPhotoError(error: unknown, code?: PhotoErrorCode): error is PhotoError {
  return error instanceof PhotoError && (code === undefined || error.code === code);
}
