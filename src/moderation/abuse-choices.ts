import type { Language } from '../i18n/index.js';
import type { Photo, ReportUpdate } from '../reports/types.js';
import { choiceOf, WHOLE_REPORT, type Target } from './targets.js';

/** One thing a resident may report on a public report's page, with what the form says of it. */
export interface AbuseChoice {
  target: Target;
  value: string;
  /** An update's time and words (a photo of an update: its time). */
  updateAt: Date | null;
  text: string | null;
  /** The language the update's words were written in, when known. */
  language: Language | null;
  /** A photo's number among the report's own photos, or among its update's. */
  photoNumber: number | null;
}

const shown = (photos: readonly Photo[]) => photos.filter((photo) => !photo.hiddenAt);

/**
 * What the public page shows and so may be reported: the report as a whole, each update with
 * words or photos, each photo; nothing a moderator hid already.
 */
export function abuseChoices(timeline: readonly ReportUpdate[], ownPhotos: readonly Photo[]): AbuseChoice[] {
  const choice = (target: Target, rest: Partial<AbuseChoice> = {}): AbuseChoice => ({
    target,
    value: choiceOf(target),
    updateAt: null,
    text: null,
    language: null,
    photoNumber: null,
    ...rest,
  });
  const choices = [choice(WHOLE_REPORT)];
  shown(ownPhotos.filter((photo) => photo.updateId === null)).forEach((photo, index) => {
    choices.push(choice({ kind: 'photo', id: photo.id }, { photoNumber: index + 1 }));
  });
  for (const update of timeline) {
    const photos = shown(update.photos);
    if (update.hiddenAt || (!update.publicText && photos.length === 0)) continue;
    const updateAt = update.createdAt;
    const words = { text: update.publicText, language: update.language };
    choices.push(choice({ kind: 'update', id: update.id }, { updateAt, ...words }));
    photos.forEach((photo, index) => {
      choices.push(choice({ kind: 'photo', id: photo.id }, { updateAt, photoNumber: index + 1 }));
    });
  }
  return choices;
}
