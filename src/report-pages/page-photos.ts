import type { ReportLinks } from '../reports/links.js';
import type { Photo } from '../reports/types.js';

export interface PhotoView {
  thumbUrl: string;
  fullUrl: string;
  thumbWidth: number;
  thumbHeight: number;
}

/** A photo on a report's page: the photo (with where to report it), or the date a moderator hid it. */
export type PagePhotoView = (PhotoView & { hidden: null; abuseUrl: string | null }) | { hidden: string };

/**
 * Photo URLs for a page: plain for a public report (cacheable by anyone), signed on the
 * reporter's private page so their own private report's photos load too.
 */
export function photoUrls(links: ReportLinks, signed: boolean) {
  return (photo: Pick<Photo, 'storageKey' | 'thumbWidth' | 'thumbHeight'>): PhotoView => {
    const sig = signed ? `?sig=${links.photoSignature(photo.storageKey)}` : '';
    return {
      thumbUrl: `/photos/${photo.storageKey}/thumb${sig}`,
      fullUrl: `/photos/${photo.storageKey}${sig}`,
      thumbWidth: photo.thumbWidth,
      thumbHeight: photo.thumbHeight,
    };
  };
}

/** Where a visitor reports abuse of the report, or of one update or photo of it. */
export const abuseUrl = (ref: string, what?: { update: number } | { photo: number }) => {
  if (!what) return `/reports/${ref}/abuse`;
  return 'update' in what
    ? `/reports/${ref}/abuse?update=${what.update}`
    : `/reports/${ref}/abuse?photo=${what.photo}`;
};

/**
 * Photos as the page shows them: a hidden one only as the date it was hidden (its file is served to
 * nobody); on the public page each other one with a link to report it.
 */
export function pagePhotos(
  photos: readonly Photo[],
  options: { ref: string; abuse: boolean; url: (photo: Photo) => PhotoView; date: (value: Date) => string },
): PagePhotoView[] {
  return photos.map((photo) =>
    photo.hiddenAt
      ? { hidden: options.date(photo.hiddenAt) }
      : {
          ...options.url(photo),
          hidden: null,
          abuseUrl: options.abuse ? abuseUrl(options.ref, { photo: photo.id }) : null,
        },
  );
}
