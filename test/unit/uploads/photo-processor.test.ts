import assert from 'node:assert/strict';
import sharp from 'sharp';
import { isPhotoError, type PhotoErrorCode } from '../../../src/uploads/errors.js';
import {
  canDecodeHeic,
  processPhoto,
  refusal as photoRefusal,
} from '../../../src/uploads/photo-processor.js';
import { heicContainer, jpegMarkers, pngDeclaring } from './crafted-images.js';

const APP1 = 0xe1; // EXIF and XMP
const APP2 = 0xe2; // ICC profile
const APP13 = 0xed; // IPTC
const COM = 0xfe;

function photo(width: number, height: number) {
  // Noise rather than a flat colour, so the photo has real pixel data to lose or keep.
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#6a8',
      noise: { type: 'gaussian', mean: 120, sigma: 20 },
    },
  });
}

/** The bytes of a JPEG up to its start of scan (SOS, FF DA), walked segment by segment. */
function beforeScan(jpeg: Buffer): Buffer {
  let at = 2; // after SOI
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  assert.equal(jpeg[at + 1], 0xda, 'a start of scan follows the header segments');
  return jpeg.subarray(0, at);
}

async function refusal(input: Buffer): Promise<PhotoErrorCode> {
  try {
    await processPhoto(input);
  } catch (error) {
    if (isPhotoError(error)) return error.code;
    throw error;
  }
  assert.fail('the photo was accepted');
}

describe('processPhoto', () => {
  it('strips EXIF, GPS, XMP and ICC and turns the pixels by the EXIF orientation', async () => {
    const input = await photo(300, 200)
      .withExif({
        IFD0: { Make: 'Tilts phone', Copyright: 'Jānis Bērziņš' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '56/1 30/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '27/1 20/1 0/1',
        },
      })
      .withMetadata({ orientation: 6 })
      .withIccProfile('p3')
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>',
      )
      .jpeg()
      .toBuffer();
    const before = await sharp(input).metadata();
    assert.equal(before.orientation, 6);
    assert.ok(
      before.exif?.includes(Buffer.from([0x25, 0x88])),
      'the input has a GPS IFD pointer (tag 0x8825)',
    );
    assert.ok(before.icc && before.xmp && input.includes('Exif'));

    const result = await processPhoto(input);

    for (const out of [result.image, result.thumbnail]) {
      const after = await sharp(out).metadata();
      assert.equal(after.format, 'jpeg');
      assert.equal(after.exif, undefined);
      assert.equal(after.icc, undefined);
      assert.equal(after.xmp, undefined);
      assert.equal(after.iptc, undefined);
      assert.equal(after.orientation, undefined);
      // Metadata lives in the segments before the scan; the compressed pixels of a noisy photo
      // after it may hold "GPS" by chance (about one run in fifty), so only the header is read.
      const header = beforeScan(out);
      assert.ok(
        !header.includes('Exif') &&
          !header.includes('GPS') &&
          !header.includes('Bērziņš') &&
          !header.includes('xmpmeta'),
      );
      const markers = jpegMarkers(out);
      for (const marker of [APP1, APP2, APP13, COM])
        assert.ok(!markers.includes(marker), `marker ${marker.toString(16)}`);
    }
    assert.deepEqual([result.width, result.height], [200, 300]);
    const image = await sharp(result.image).metadata();
    assert.deepEqual([image.width, image.height], [200, 300]);
  });

  it('shrinks a 4000 × 3000 photo to 2048 px on its long side with a thumbnail of at most 400 px', async () => {
    // A flat colour: only the sizes matter here, and encoding 12 MP of noise would take seconds.
    const flat = sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#6a8' } });
    const result = await processPhoto(await flat.jpeg().toBuffer());

    assert.deepEqual([result.width, result.height], [2048, 1536]);
    const image = await sharp(result.image).metadata();
    assert.deepEqual([image.width, image.height], [2048, 1536]);
    const thumbnail = await sharp(result.thumbnail).metadata();
    assert.deepEqual([thumbnail.width, thumbnail.height], [400, 300]);
    assert.deepEqual([result.thumbnailWidth, result.thumbnailHeight], [400, 300]);
    assert.equal(result.contentType, 'image/jpeg');
  });

  it('never enlarges a small photo', async () => {
    const result = await processPhoto(await photo(320, 240).jpeg().toBuffer());
    assert.deepEqual(
      [result.width, result.height, result.thumbnailWidth, result.thumbnailHeight],
      [320, 240, 320, 240],
    );
  });

  it('accepts PNG with transparency and WebP, and stores both as JPEG', async () => {
    const transparent = sharp({
      create: { width: 600, height: 400, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    });
    for (const input of [await transparent.png().toBuffer(), await photo(600, 400).webp().toBuffer()]) {
      const result = await processPhoto(input);
      const image = await sharp(result.image).metadata();
      assert.equal(image.format, 'jpeg');
      assert.deepEqual([image.width, image.height], [600, 400]);
    }
    const fromPng = await processPhoto(await transparent.png().toBuffer());
    const { channels } = await sharp(fromPng.image).stats();
    assert.ok(channels[0]!.mean > 250, 'transparent areas become white, not black');
  });

  it('refuses a text file called photo.jpg as not_image', async () => {
    assert.equal(await refusal(Buffer.from('Sveiki, šis nav attēls.\n')), 'not_image');
  });

  it('refuses an SVG as not_image, since SVG can carry scripts and external references', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script></svg>',
    );
    assert.equal(await refusal(svg), 'not_image');
  });

  it('refuses a JPEG cut off after its first bytes as not_image', async () => {
    const jpeg = await photo(800, 600).jpeg().toBuffer();
    assert.equal(await refusal(jpeg.subarray(0, 200)), 'not_image');
  });

  it('refuses a 40,000 × 40,000 PNG as too_large_dimensions without decoding it', async () => {
    const bomb = pngDeclaring(40_000, 40_000);
    assert.ok(bomb.length < 2000);
    // How fast it answers from the header is a figure of bench/timings.ts, not a test.
    assert.equal(await refusal(bomb), 'too_large_dimensions');
  });

  it('refuses a flat 5100 × 5000 AVIF of a few hundred bytes as too_large_avif, not decoding it', async function () {
    this.timeout(60_000);
    const flat = { width: 5100, height: 5000, channels: 3 as const, background: '#3a6' };
    const avif = await sharp({ create: flat }).avif({ effort: 0 }).toBuffer();
    assert.ok(avif.length < 2000);
    // Under the 50 MP every other photo may have: AV1's decoding costs seconds at this size.
    assert.equal(await refusal(avif), 'too_large_avif');
  });

  it('words a photo sharp stopped for taking too long as too_slow, whatever its type', () => {
    // As sharp reports it: the decoder's complaints about the interrupted read, then libvips's.
    const stopped = new Error(
      'source: bad seek to 5541743\ntimeout: 2% complete\nVipsImage: killed for image "temp-32"',
    );
    for (const type of ['jpeg', 'avif', 'heic'] as const) {
      const refused = photoRefusal(type, stopped);
      assert.equal(refused.code, 'too_slow', type);
      assert.equal(refused.messageKey, 'uploads.errors.tooSlow');
      assert.equal(refused.cause, stopped);
    }
    assert.equal(photoRefusal('jpeg', new Error('VipsJpeg: Premature end of input file')).code, 'not_image');
    assert.equal(photoRefusal('avif', new Error('timeout in the name.jpg')).code, 'not_image');
    assert.equal(photoRefusal('heic', new Error('heif: Unsupported feature')).code, 'heic_unsupported');
  });

  it('refuses a file over the byte limit as too_large_file before looking inside', async () => {
    const jpeg = await photo(100, 100).jpeg().toBuffer();
    await assert.rejects(processPhoto(jpeg, { maxBytes: jpeg.length - 1 }), (error) =>
      isPhotoError(error, 'too_large_file'),
    );
  });

  it('refuses an iPhone HEIC as heic_unsupported when this sharp build has no HEVC decoder', async function () {
    if (canDecodeHeic()) this.skip();
    const heic = heicContainer();
    // The container itself is readable: only the HEVC pixels are out of reach.
    const header = await sharp(heic).metadata();
    assert.deepEqual([header.mediaType, header.compression, header.width], ['image/heic', 'hevc', 4032]);
    await assert.rejects(sharp(heic).jpeg().toBuffer(), /HEVC/);

    assert.equal(await refusal(heic), 'heic_unsupported');
  });
});
