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

/** Whom a page's photo links are signed for: its reporter, or one staff member until a time. */
export type PhotoSigner = { reporter: true } | { staffId: number; expiresAt: Date };

/**
 * Photo URLs for a page: plain for a public report (cacheable by anyone), signed on the
 * reporter's private page so their own private report's photos load too, and for the staff
 * member whose workspace page it is, for a while.
 */
export function photoUrls(links: ReportLinks, signer: PhotoSigner | null) {
  const signature = (key: string) =>
    signer === null
      ? null
      : 'staffId' in signer
        ? links.staffPhotoSignature(key, signer.staffId, signer.expiresAt)
        : links.photoSignature(key);
  return (photo: Pick<Photo, 'storageKey' | 'thumbWidth' | 'thumbHeight'>): PhotoView => {
    const signed = signature(photo.storageKey);
    const sig = signed === null ? '' : `?sig=${signed}`;
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
