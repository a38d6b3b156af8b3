import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import type { Services } from '../services.js';
import { isValidKey, thumbnailKey } from '../uploads/storage.js';
import { AppError, NotFoundError } from '../web/errors.js';
import type { PhotoService } from './service.js';

// A public photo stops being public when its report is withdrawn or a moderator hides it: no
// cache may keep it long after. Its stored file never changes, so its key is its ETag and a
// browser that asks again after five minutes gets a 304 without the bytes.
const PUBLIC_CACHE = 'public, max-age=300';
// A signed or pending photo may belong to a private report: no shared cache may keep a copy.
export const PRIVATE_CACHE = 'private, no-store';

/**
 * A staff member's photo link past its end, or theirs no longer (deactivated): said so (the link
 * was good, so nothing about the photo is told that its holder did not know), not a bare 404.
 */
class PhotoLinkGoneError extends AppError {
  constructor() {
    super(410, 'photo_link_gone', 'errors.photoLinkGone.text');
  }
}

/** Streams one stored image with headers that stop a browser from guessing its type. */
export async function sendPhoto(
  photos: Pick<PhotoService, 'read'>,
  key: string,
  res: Response,
  cache: string,
  onMissing?: () => void,
): Promise<void> {
  if (cache === PUBLIC_CACHE) {
    const etag = `"${key}"`;
    // Its bytes depend on nothing the request says: not the language or the cookie (setUpI18n's
    // Vary, meant for pages), nor Accept-Encoding (a JPEG is never compressed again). A shared
    // cache keeps one copy for everyone rather than one per cookie. A 404 keeps its Vary: its
    // page is translated.
    res.removeHeader('Vary');
    res.set({ ETag: etag, 'Cache-Control': cache });
    if (res.req.fresh) {
      res.status(304).end();
      return;
    }
  }
  const stored = await photos.read(key);
  if (!stored) {
    onMissing?.();
    throw new NotFoundError();
  }
  // Everything stored went through the re-encoder, which writes JPEG; the stored type is a hint only.
  const type = /^image\/(jpeg|png|webp)$/.test(stored.contentType) ? stored.contentType : 'image/jpeg';
  res.set({
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': cache,
    'Content-Disposition': 'inline',
  });
  if (Buffer.isBuffer(stored.body)) {
    res.end(stored.body);
    return;
  }
  try {
    await pipeline(stored.body, res);
  } catch (error) {
    // A visitor who scrolls on before a photo has loaded is not a server error.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}

/** Serves stored photos to those who may see them. */
export function photoRoutes(
  services: Pick<Services, 'photos' | 'links' | 'reports' | 'staff' | 'clock'>,
): Router {
  const router = Router();
  const { photos, links, reports, staff, clock } = services;

  /**
   * Who may see a photo: anyone when it belongs to a visible report and to the report itself or
   * a public update of it; otherwise only a holder of its signed link, one signed for a staff
   * member while it lasts and they are active. Anything else is a 404, so a private photo's
   * existence is never confirmed.
   */
  async function access(
    key: string,
    sig: unknown,
  ): Promise<{ level: 'public' | 'signed'; ofReport: boolean }> {
    if (!isValidKey(key)) throw new NotFoundError();
    const owner = await photos.ownerOf(key);
    if (!owner) throw new NotFoundError();
    const ofReport = 'reportId' in owner;
    if (ofReport && (await reports.isPublicPhoto(owner.reportId, key))) return { level: 'public', ofReport };
    const signed = links.readPhotoSignature(key, sig, clock());
    if (!signed.ok) throw signed.reason === 'expired' ? new PhotoLinkGoneError() : new NotFoundError();
    if (signed.staffId !== null && !(await staff.byId(signed.staffId))?.active)
      throw new PhotoLinkGoneError();
    return { level: 'signed', ofReport };
  }

  /** A report's photo or its thumbnail; a file missing where its row is is told to the operator. */
  async function send(req: Request<{ key: string }>, res: Response, stored: string) {
    const { level, ofReport } = await access(req.params.key, req.query.sig);
    const cache = level === 'public' ? PUBLIC_CACHE : PRIVATE_CACHE;
    // A signed link is a private report's photo (or a hidden one's): should it ever be posted
    // somewhere a crawler reads (an email forwarded to a public list), no image search keeps it.
    if (level === 'signed') res.set('X-Robots-Tag', 'noindex');
    // A pending upload's files may be missing after a crash (service.ts); a report's may not.
    await sendPhoto(photos, stored, res, cache, ofReport ? () => photos.missingFile() : undefined);
  }

  const photo = (req: Request<{ key: string }>, res: Response) => send(req, res, req.params.key);
  const thumbnail = (req: Request<{ key: string }>, res: Response) => {
    // A key no storage makes has no thumbnail either: a 404, before its name is derived.
    if (!isValidKey(req.params.key)) throw new NotFoundError();
    return send(req, res, thumbnailKey(req.params.key));
  };

  // The random pending id is the capability: only the browser that uploaded the photo knows it.
  async function pendingThumbnail(req: Request<{ id: string }>, res: Response) {
    const pending = await photos.pendingById(req.params.id);
    if (!pending) throw new NotFoundError();
    await sendPhoto(photos, thumbnailKey(pending.storageKey), res, PRIVATE_CACHE);
  }

  router.get('/photos/:key', photo);
  router.get('/photos/:key/thumb', thumbnail);
  router.get('/uploads/pending/:id/thumb', pendingThumbnail);
  return router;
}
