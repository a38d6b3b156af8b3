import type { Logger } from 'pino';
import type { PhotoStorage } from '../uploads/storage.js';
import type { PhotoRepository } from './repository.js';

/** What an operator is told when the database has photos this process's storage does not. */
export const MISSING_PHOTOS_HINT =
  'report photos the database has are not in this process’s photo storage: several app machines must share one (PHOTO_STORAGE=s3, see the README), and a restored database needs its photos restored too';

/** How many of the newest report photos start-up looks for. */
const NEWEST = 10;
/** How long start-up waits for the storage to answer before it goes on without knowing. */
const CHECK_LIMIT_MS = 10_000;
/** The warning of a photo found missing while serving is repeated at most this often, with a count. */
const REPEAT_MS = 10 * 60_000;

/** Whether storage holds `key`; the stream opened to find out is closed at once. */
async function holds(storage: Pick<PhotoStorage, 'get'>, key: string): Promise<boolean> {
  const stored = await storage.get(key);
  if (!stored) return false;
  if (!Buffer.isBuffer(stored.body)) stored.body.destroy();
  return true;
}

/**
 * At start-up: the newest report photos and their thumbnails, looked for in this process's storage.
 * A second app machine with photos on its own disk, or a database restored without its photos, is
 * said in one warning (how many, never which) instead of as broken images residents find first.
 */
export async function warnOfMissingPhotos(
  photos: Pick<PhotoRepository, 'newestReportKeys'>,
  storage: Pick<PhotoStorage, 'get'>,
  logger: Pick<Logger, 'warn'>,
  limitMs = CHECK_LIMIT_MS,
): Promise<number> {
  const keys = await photos.newestReportKeys(NEWEST);
  const count = async () => {
    let missing = 0;
    for (const key of keys) if (!(await holds(storage, key))) missing += 1;
    return missing;
  };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), limitMs);
  });
  const counting = count();
  // Still running when start-up goes on without it: what it finds (or fails with) then is dropped.
  counting.catch(() => undefined);
  let missing: number | 'late';
  try {
    missing = await Promise.race([counting, late]);
  } catch (error) {
    // A bucket that is down must not keep the pages from starting: they work without photos.
    logger.warn({ err: error }, 'photo storage could not be read at start-up: photos will fail until it can');
    return 0;
  } finally {
    clearTimeout(timer);
  }
  if (missing === 'late') {
    logger.warn(
      { limitMs },
      'photo storage did not answer at start-up: photos will be slow or fail until it does',
    );
    return 0;
  }
  if (missing > 0) logger.warn({ checked: keys.length, missing }, MISSING_PHOTOS_HINT);
  return missing;
}

/**
 * While serving: a report's photo whose row is there and whose file is not answers 404 as before,
 * and the operator is told, once and then at most every ten minutes with how many since.
 */
export class MissingPhotoNotice {
  private lastAt: number | undefined;
  private since = 0;

  constructor(
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly clock: () => Date,
  ) {}

  noticed(): void {
    const now = this.clock().getTime();
    this.since += 1;
    if (this.lastAt !== undefined && now - this.lastAt < REPEAT_MS) return;
    this.logger.warn({ missing: this.since }, MISSING_PHOTOS_HINT);
    this.lastAt = now;
    this.since = 0;
  }
}
