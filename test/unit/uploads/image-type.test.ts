import assert from 'node:assert/strict';
import sharp from 'sharp';
import { detectImageType } from '../../../src/uploads/image-type.js';
import { heicContainer, pngDeclaring } from './crafted-images.js';

const pixel = () => sharp({ create: { width: 4, height: 4, channels: 3, background: '#3a7' } });

describe('detectImageType', () => {
  it('recognises JPEG, PNG and WebP by their bytes', async () => {
    assert.equal(detectImageType(await pixel().jpeg().toBuffer()), 'jpeg');
    assert.equal(detectImageType(await pixel().png().toBuffer()), 'png');
    assert.equal(detectImageType(await pixel().webp().toBuffer()), 'webp');
    assert.equal(detectImageType(pngDeclaring(1, 1)), 'png');
  });

  it('recognises an iPhone HEIC by the brands of its ftyp box', () => {
    assert.equal(detectImageType(heicContainer()), 'heic');
  });

  it('tells AVIF apart from HEIC although both list the mif1 brand', async () => {
    assert.equal(detectImageType(await pixel().avif().toBuffer()), 'avif');
  });

  it('answers null for text, SVG, GIF, PDF and empty input whatever they are called', async () => {
    assert.equal(detectImageType(Buffer.from('Sveiki! This is not a photo.\n')), null);
    assert.equal(
      detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')),
      null,
    );
    assert.equal(detectImageType(await pixel().gif().toBuffer()), null);
    assert.equal(detectImageType(Buffer.from('%PDF-1.7\n%âãÏÓ\n')), null);
    assert.equal(detectImageType(Buffer.alloc(0)), null);
  });

  it('answers null for an MP4 video, which has an ftyp box but no image brand', () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 20]), Buffer.from('ftypisom\0\0\0\0mp41', 'latin1')]);
    assert.equal(detectImageType(mp4), null);
  });
});
