import { AppError } from '../web/errors.js';

export type ModerationErrorCode = 'not_found' | 'already_hidden' | 'already_banned' | 'handled' | 'choice';

/**
 * Why a moderation step was refused. Pages word most of them on the form again; one that is not
 * caught is still a page of its own (404, or 409 with its message), never a server error.
 */
export class ModerationError extends AppError {
  constructor(override readonly code: ModerationErrorCode) {
    super(
      code === 'not_found' ? 404 : 409,
      code,
      code === 'not_found' ? 'errors.notFound.text' : `moderation.errors.${code}`,
    );
  }
}

export const isModerationError = (error: unknown, code: ModerationErrorCode): error is ModerationError =>
  error instanceof ModerationError && error.code === code;
