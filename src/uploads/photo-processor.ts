import { open } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { DecodeGate, GateFullError } from './decode-gate.js';
import { PhotoError } from './errors.js';
import { detectImageType, type ImageType } from './image-type.js';

export interface PhotoLimits {
  /** Largest upload in bytes; the web layer should refuse earlier, this is the last guard. */
  maxBytes: number;
  /** Largest width × height the decoder may allocate; checked from the header before decoding. */
  maxPixels: number;
  /** The same for AVIF, whose decoding costs far more per pixel (see DEFAULT_PHOTO_LIMITS). */
  maxAvifPixels: number;
  /** Longest side of the stored image; smaller photos are never enlarged. */
  maxSide: number;
  thumbnailSide: number;
  quality: number;
  /** How long one encode may run before it is stopped and the photo refused (`too_slow`). */
  timeoutSeconds: number;
}

export const DEFAULT_PHOTO_LIMITS: Readonly<PhotoLimits> = Object.freeze({
  maxBytes: 15 * 1024 * 1024,
  maxPixels: 50_000_000,
  // AV1 decoding is slow whatever the file's size: a flat-colour 7000 × 7000 AVIF of under 2 KB
  // took 1.4–2 s to decode, a noisy 12 MP one 1.5 s (a 50 MP JPEG: 0.8 s), so a few hundred
  // bytes could hold the decoder for seconds. Phones write HEIC or JPEG at 48–50 MP; the AVIF
  // some write is of 12–24 MP, and AVIF from the web is sized for screens: 25 MP covers both and
  // halves the worst file's time.
  maxAvifPixels: 25_000_000,
  maxSide: 2048,
  thumbnailSide: 400,
  quality: 82,
  // Six times the slowest real photo measured (a 50 MP JPEG, 0.8 s), so a busy server does not
  // refuse a real photo, while no one file holds the one decoding slot for long. libvips checks it
  // as the pixels flow, so a single slow AVIF decode may overrun it by its own length.
  timeoutSeconds: 5,
});

/**
 * Photos that may wait for the decoder at once. Each form or email takes its photos one at a time,
 * so this is requests waiting: ten is far more than the portal's ordinary load (a few reports an
 * hour), and ten at up to a few seconds each is still under a minute. One more is refused with
 * "try again in a minute" (`busy`) rather than queued without end.
 */
export const MAX_WAITING_DECODES = 10;

export interface ProcessedPhoto {
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  thumbnailWidth: number;
  thumbnailHeight: number;
  contentType: 'image/jpeg';
}

/**
 * Progressive, so a slow rural connection shows a rough photo early. Not mozjpeg: measured on a
 * 12 MP photo it took 530 ms instead of 185 ms for a file only 3% smaller than this.
 */
const jpegOptions = (quality: number) => ({ quality, progressive: true, optimiseCoding: true });

/**
 * Prebuilt sharp ships libheif with the AV1 decoder only (HEVC is patent-encumbered), and libvips
 * lists `.heic` among its HEIF suffixes only when an HEVC decoder is present.
 */
export function canDecodeHeic(): boolean {
  return sharp.format.heif?.input.fileSuffix?.includes('.heic') ?? false;
}

// Enough for every signature `detectImageType` reads (an `ftyp` box of any real HEIF file).
const HEAD_BYTES = 4096;

// sharp keeps up to 50 MB of recent operations for reuse; every photo here is new, so that is waste.
sharp.cache(false);

/**
 * One photo decoded at a time per process (see DecodeGate); the header checks run outside it.
 * Exported for tests, which fill it to see what a flood is answered.
 */
export const photoDecodes = new DecodeGate(1, MAX_WAITING_DECODES);

/** The size and first bytes of an upload held in memory or in a (temporary) file. */
async function sniff(input: Buffer | string): Promise<{ size: number; head: Buffer }> {
  if (Buffer.isBuffer(input)) return { size: input.length, head: input.subarray(0, HEAD_BYTES) };
  const handle = await open(input, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    return { size, head };
  } finally {
    await handle.close();
  }
}

/**
 * Turns an untrusted upload into a JPEG and a thumbnail that carry no metadata (EXIF, GPS, XMP,
 * ICC, comments), with the camera orientation applied to the pixels. The upload is a buffer (an
 * email attachment) or the path of a file (a form's upload, streamed to disk): sharp then reads the
 * file itself, and only the decoded pixels and the re-encoded result are ever in memory.
 */
export async function processPhoto(
  input: Buffer | string,
  limits: Partial<PhotoLimits> = {},
): Promise<ProcessedPhoto> {
  const { maxBytes, maxPixels, maxAvifPixels, ...rest } = { ...DEFAULT_PHOTO_LIMITS, ...limits };
  const { size, head } = await sniff(input);
  if (size > maxBytes) throw new PhotoError('too_large_file');
  const type = detectImageType(head);
  if (type === null) throw new PhotoError('not_image');
  if (type === 'heic' && !canDecodeHeic()) throw new PhotoError('heic_unsupported');

  const header = await readHeader(input, type);
  // A few hundred bytes can declare 40,000 × 40,000 pixels (gigabytes decoded): refuse on the header.
  if (header.width * header.height > maxPixels) throw new PhotoError('too_large_dimensions');
  if (type === 'avif' && header.width * header.height > maxAvifPixels) throw new PhotoError('too_large_avif');

  try {
    return await photoDecodes.run(() => encode(input, type, { maxPixels, ...rest }));
  } catch (error) {
    if (error instanceof GateFullError) throw new PhotoError('busy', { cause: error });
    throw error;
  }
}

async function encode(
  input: Buffer | string,
  type: ImageType,
  {
    maxPixels,
    maxSide,
    thumbnailSide,
    quality,
    timeoutSeconds,
  }: Omit<PhotoLimits, 'maxBytes' | 'maxAvifPixels'>,
): Promise<ProcessedPhoto> {
  try {
    const main = await sharp(input, { limitInputPixels: maxPixels })
      .autoOrient()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      // JPEG has no alpha: transparent PNG/WebP areas would otherwise turn black.
      .flatten({ background: '#ffffff' })
      // No withMetadata/keep*: sharp then writes no EXIF, XMP, IPTC or ICC and converts to sRGB.
      .jpeg(jpegOptions(quality))
      .timeout({ seconds: timeoutSeconds })
      .toBuffer({ resolveWithObject: true });
    // From the 3 MP result (~50 ms) rather than decoding the up to 50 MP original a second time.
    const thumb = await sharp(main.data)
      .resize({ width: thumbnailSide, height: thumbnailSide, fit: 'inside', withoutEnlargement: true })
      .jpeg(jpegOptions(quality))
      .timeout({ seconds: timeoutSeconds })
      .toBuffer({ resolveWithObject: true });
    return {
      image: main.data,
      thumbnail: thumb.data,
      width: main.info.width,
      height: main.info.height,
      thumbnailWidth: thumb.info.width,
      thumbnailHeight: thumb.info.height,
      contentType: 'image/jpeg',
    };
  } catch (error) {
    throw refusal(type, error);
  }
}

async function readHeader(input: Buffer | string, type: ImageType): Promise<Metadata> {
  try {
    // Header only, so no pixel limit here: we compare the declared size ourselves to name the error.
    return await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw refusal(type, error);
  }
}

// libvips's words when `.timeout` stopped it ("timeout: 42% complete"), after any of the decoder's.
const TIMED_OUT = /^timeout: \d+% complete$/m;

/** Whether sharp stopped an operation because it ran past its `.timeout`. */
function timedOut(error: unknown): boolean {
  return error instanceof Error && TIMED_OUT.test(error.message);
}

// A HEIF file sharp cannot read gets the advice that helps (send JPEG), not "this is not a photo";
// one stopped for taking too long is a photo, and is told so.
export function refusal(type: ImageType, cause: unknown): PhotoError {
  if (timedOut(cause)) return new PhotoError('too_slow', { cause });
  return new PhotoError(type === 'heic' ? 'heic_unsupported' : 'not_image', { cause });
}
