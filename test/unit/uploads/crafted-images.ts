/**
 * Byte-level builders for inputs sharp will not make: a PNG whose header lies about its size,
 * and a HEIC container (this sharp build has no HEVC encoder). Also a JPEG marker reader so tests
 * can prove which segments the output carries.
 */
import { crc32, deflateSync } from 'node:zlib';

const u8 = (n: number) => Buffer.from([n]);
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const fourcc = (s: string) => Buffer.from(s, 'latin1');

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([fourcc(type), data]);
  return Buffer.concat([u32(data.length), typed, u32(crc32(typed))]);
}

/** A valid PNG header declaring width × height RGB pixels, followed by one tiny IDAT. */
export function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), u8(8), u8(2), u8(0), u8(0), u8(0)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(8 + body.length), fourcc(type), body]);
};
const fullBox = (type: string, version: number, ...parts: Buffer[]) =>
  box(type, u32(version << 24), ...parts);

/**
 * A structurally valid HEIC as an iPhone writes it (ftyp `heic`, one `hvc1` primary item with
 * `hvcC` and `ispe`), whose HEVC payload is a stub: libheif parses it and reports its size, and
 * only an HEVC decoder would get further.
 */
export function heicContainer(width = 4032, height = 3024): Buffer {
  const ftyp = box('ftyp', fourcc('heic'), u32(0), fourcc('mif1'), fourcc('heic'));
  // HEVCDecoderConfigurationRecord: Main profile, level 3, 4:2:0, 8 bit, no parameter-set arrays.
  const hvcC = box(
    'hvcC',
    u8(1),
    u8(1),
    u32(0x60000000),
    Buffer.alloc(6),
    u8(90),
    u16(0xf000),
    u8(0xfc),
    u8(0xfd),
    u8(0xf8),
    u8(0xf8),
    u16(0),
    u8(0x0f),
    u8(0),
  );
  const properties = box('ipco', hvcC, fullBox('ispe', 0, u32(width), u32(height)));
  const association = fullBox('ipma', 0, u32(1), u16(1), u8(2), u8(0x81), u8(0x02));
  const payload = Buffer.from([0, 0, 0, 4, 0x26, 0x01, 0xaf, 0x00]);
  const build = (payloadOffset: number) =>
    Buffer.concat([
      ftyp,
      fullBox(
        'meta',
        0,
        fullBox('hdlr', 0, u32(0), fourcc('pict'), Buffer.alloc(12), u8(0)),
        fullBox('pitm', 0, u16(1)),
        fullBox('iinf', 0, u16(1), fullBox('infe', 2, u16(1), u16(0), fourcc('hvc1'), u8(0))),
        fullBox(
          'iloc',
          0,
          u8(0x44),
          u8(0),
          u16(1),
          u16(1),
          u16(0),
          u16(1),
          u32(payloadOffset),
          u32(payload.length),
        ),
        box('iprp', properties, association),
      ),
      box('mdat', payload),
    ]);
  // The payload sits at the very end, so its offset is the file length minus its own length.
  return build(build(0).length - payload.length);
}

/** The marker bytes (0xE1 = APP1/EXIF/XMP, 0xE2 = APP2/ICC, 0xFE = COM ...) before the scan data. */
export function jpegMarkers(jpeg: Buffer): number[] {
  const markers: number[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}
