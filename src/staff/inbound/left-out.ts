import { shortName } from '../../photos/messages.js';
import type { PhotoErrorCode } from '../../uploads/errors.js';
import type { LeftOutImage } from './actions.js';

/** Why an attached image was left out, as the staff page words it (`staff.inbound.leftOut.<code>`). */
const REASONS = {
  not_image: 'notImage',
  heic_unsupported: 'heicUnsupported',
  too_large_file: 'tooLargeFile',
  too_large_dimensions: 'tooLargeDimensions',
  too_large_avif: 'tooLargeAvif',
  too_slow: 'tooSlow',
  too_many_files: 'tooMany',
} as const satisfies Partial<Record<PhotoErrorCode, string>>;

type Reason = keyof typeof REASONS;
const isReason = (code: string): code is Reason => Object.hasOwn(REASONS, code);

const ENTRY = /^(\d{1,3})-([a-z_]{1,30})$/;

/**
 * The left-out images as the redirect after publishing carries them to the page it lands on
 * (`&left=1-heic_unsupported,3-not_image`): by their place among the message's images and the
 * reason's code, never their names, which the page reads from the message itself and which no
 * address bar, history or access log should hold.
 */
export function leftOutQuery(leftOut: readonly LeftOutImage[]): string {
  const entries = leftOut
    .filter((image) => isReason(image.code))
    .map((image) => `${image.index}-${image.code}`);
  return entries.length > 0 ? `&left=${entries.join(',')}` : '';
}

/**
 * What the page says of them: each image's name and reason's catalog key. Only what the message
 * has: an entry that names no image of it, or no reason (mistyped, stale or crafted), is not shown.
 */
export function leftOutShown(
  asked: unknown,
  images: readonly { filename: string }[],
): { file: string; reasonKey: string }[] {
  if (typeof asked !== 'string' || asked.length > 500) return [];
  const shown: { file: string; reasonKey: string }[] = [];
  for (const entry of asked.split(',')) {
    const match = ENTRY.exec(entry);
    const image = match ? images[Number(match[1])] : undefined;
    const code = match?.[2];
    if (!image || !code || !isReason(code)) continue;
    shown.push({ file: shortName(image.filename), reasonKey: `staff.inbound.leftOut.${REASONS[code]}` });
  }
  return shown;
}
