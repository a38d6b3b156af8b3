import sharp from 'sharp';
import type { Scene } from './data/demo-types.js';
import { pick, seededRandom, type Random } from './demo-random.js';
import { FIXABLE_SCENES, HEIGHT, sceneSvg, WIDTH } from './demo-scenes.js';
import { processPhoto, type ProcessedPhoto } from '../src/uploads/photo-processor.js';
import { newPhotoKey, thumbnailKey, type PhotoStorage } from '../src/uploads/storage.js';

export interface PhotoLibrary {
  /** Photos of the problem, a few different ones per scene. */
  before(random: Random, scene: Scene): ProcessedPhoto;
  /** A photo of the same kind of place once fixed, if the scene has one. */
  after(random: Random, scene: Scene): ProcessedPhoto | undefined;
  readonly size: number;
}

/**
 * Camera-like grain over the flat drawing, so the JPEGs have the size and texture of real photos.
 * One layer made once: creating noise is the slow part (about 100 ms a frame).
 */
async function grain(): Promise<Buffer> {
  return sharp({
    create: {
      width: WIDTH,
      height: HEIGHT,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 18 },
    },
  })
    .raw()
    .toBuffer();
}

async function render(scene: Scene, random: Random, fixed: boolean, noise: Buffer): Promise<ProcessedPhoto> {
  const camera = await sharp(sceneSvg(scene, random, fixed))
    .composite([{ input: noise, raw: { width: WIDTH, height: HEIGHT, channels: 3 }, blend: 'soft-light' }])
    .jpeg({ quality: 90 })
    .toBuffer();
  // Through the same pipeline as a resident's upload: re-encoded, no metadata, with a thumbnail.
  return processPhoto(camera);
}

/** Runs `work` over `items`, `limit` at a time (sharp and the disk are faster a few at a time). */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Draws `variants` photos of each scene (and one of it fixed), all at seed time, no downloads. */
export async function makePhotoLibrary(
  random: Random,
  scenes: readonly Scene[],
  variants: number,
): Promise<PhotoLibrary> {
  const noise = await grain();
  // Every drawing takes its own seed now, so the pictures do not depend on which one finishes first.
  const jobs = scenes.flatMap((scene) => [
    ...Array.from({ length: variants }, () => ({
      scene,
      fixed: false,
      seed: Math.floor(random() * 2 ** 32),
    })),
    ...(FIXABLE_SCENES.has(scene) ? [{ scene, fixed: true, seed: Math.floor(random() * 2 ** 32) }] : []),
  ]);
  const photos = await inParallel(jobs, 2, (job) =>
    render(job.scene, seededRandom(job.seed), job.fixed, noise),
  );
  const shelf = new Map<string, ProcessedPhoto[]>();
  jobs.forEach((job, index) => {
    const key = `${job.scene}:${job.fixed}`;
    shelf.set(key, [...(shelf.get(key) ?? []), photos[index]!]);
  });
  const byScene = (scene: Scene, fixed: boolean) => shelf.get(`${scene}:${fixed}`) ?? [];
  return {
    before: (r, scene) => pick(r, byScene(scene, false)),
    after: (r, scene) => {
      const fixed = byScene(scene, true);
      return fixed.length > 0 ? pick(r, fixed) : undefined;
    },
    size: photos.length,
  };
}

/** Stores a copy of a photo under a new random key: every report_photos row owns its own files. */
export async function storeCopy(storage: PhotoStorage, photo: ProcessedPhoto): Promise<string> {
  const key = newPhotoKey();
  await storage.put(key, photo.image, photo.contentType);
  await storage.put(thumbnailKey(key), photo.thumbnail, photo.contentType);
  return key;
}
