/**
 * Recognises an uploaded image by its first bytes. The file name and the browser's MIME type are
 * chosen by the client, so neither decides what the server hands to a decoder.
 */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'heic' | 'avif';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// ISO-BMFF brands of HEIF files that phones write; `mif1`/`msf1` alone mean "some HEIF image".
const HEIF_BRANDS = new Set([
  'heic',
  'heix',
  'heim',
  'heis',
  'hevc',
  'hevx',
  'hevm',
  'hevs',
  'heif',
  'mif1',
  'mif2',
  'msf1',
]);
// AVIF is HEIF with AV1 inside and also lists `mif1`, so it must be told apart first.
const AVIF_BRANDS = new Set(['avif', 'avis']);

export function detectImageType(bytes: Uint8Array): ImageType | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (buf.length >= 12 && ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') return 'webp';
  return detectHeifFamily(buf);
}

function detectHeifFamily(buf: Buffer): ImageType | null {
  if (buf.length < 16 || ascii(buf, 4, 8) !== 'ftyp') return null;
  const boxSize = buf.readUInt32BE(0);
  if (boxSize < 16 || boxSize > buf.length) return null;
  // Major brand, then (after the 4-byte minor version) the compatible brands up to the box end.
  const brands = [ascii(buf, 8, 12)];
  for (let at = 16; at + 4 <= Math.min(boxSize, 256); at += 4) brands.push(ascii(buf, at, at + 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return 'avif';
  if (brands.some((brand) => HEIF_BRANDS.has(brand))) return 'heic';
  return null;
}

function ascii(buf: Buffer, start: number, end: number): string {
  return buf.toString('latin1', start, end);
}
