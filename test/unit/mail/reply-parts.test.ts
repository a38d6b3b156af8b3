import { simpleParser } from 'mailparser';
import assert from 'node:assert/strict';
import {
  MAX_IMAGE_BYTES,
  MAX_IMAGES,
  MAX_TEXT_BYTES,
  readReplyParts,
} from '../../../src/mail/inbound/reply-parts.js';
import { extractReplyText } from '../../../src/mail/inbound/quotes.js';
import { htmlPart, imagePart, message, multipart, part, PNG, textPart } from './build-message.js';
import { parseFixture, readFixture } from './load-fixture.js';

describe('reading only the reply out of a raw message', () => {
  describe('which part is the reply', () => {
    it('takes a top-level text/plain or text/html part as it is', async () => {
      assert.deepEqual(await readReplyParts(message(textPart('Darīts.'))), {
        text: 'Darīts.',
        html: undefined,
        images: [],
        documents: [],
      });
      const html = await readReplyParts(message(htmlPart('<p>Darīts.</p>')));
      assert.deepEqual([html.text, html.html], [undefined, '<p>Darīts.</p>']);
    });

    it('takes both alternatives of a multipart/alternative, the HTML one from inside multipart/related', async () => {
      const raw = message(
        multipart('alternative', [textPart('Teksts'), multipart('related', [htmlPart('<p>HTML</p>')])]),
      );
      const parts = await readReplyParts(raw);
      assert.deepEqual([parts.text, parts.html], ['Teksts', '<p>HTML</p>']);
    });

    it('takes the first text part of multipart/mixed and never a second one', async () => {
      const raw = message(multipart('mixed', [textPart('Atbilde.'), textPart('Oriģinālais paziņojums')]));
      assert.equal((await readReplyParts(raw)).text, 'Atbilde.');
    });

    it('skips an image and a text attachment before the body of multipart/mixed', async () => {
      const notes = textPart('piezīmes.txt saturs', 'utf-8', [
        'Content-Disposition: attachment; filename="p.txt"',
      ]);
      const raw = message(multipart('mixed', [imagePart('a.png', PNG), notes, textPart('Atbilde.')]));
      const parts = await readReplyParts(raw);
      assert.equal(parts.text, 'Atbilde.');
      assert.deepEqual(
        parts.images.map((image) => image.filename),
        ['a.png'],
      );
    });

    it('reads the signed content of multipart/signed and not its signature', async () => {
      const signature = part(['Content-Type: application/pkcs7-signature; name="smime.p7s"'], 'AAAA');
      const raw = message(
        multipart('signed', [multipart('alternative', [textPart('Parakstīts.')]), signature]),
      );
      assert.equal((await readReplyParts(raw)).text, 'Parakstīts.');
    });

    it('never reads text out of a message/rfc822 part, inline or attached, nor its images', async () => {
      for (const disposition of ['inline', 'attachment']) {
        const original = part(
          ['Content-Type: message/rfc822', `Content-Disposition: ${disposition}`],
          `From: Tilts <r-x@tilts.example.org>\n${multipart('mixed', [textPart('janis@example.org'), imagePart('bedre.png', PNG)])}`,
        );
        const parts = await readReplyParts(message(multipart('mixed', [textPart('Atbilde.'), original])));
        assert.deepEqual(
          parts,
          { text: 'Atbilde.', html: undefined, images: [], documents: [] },
          disposition,
        );
      }
    });

    it('names the files attached beside the reply, but not its photos, nor what a client adds by itself', async () => {
      const file = (type: string, name: string) =>
        part(
          [`Content-Type: ${type}; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`],
          'x',
        );
      const raw = message(
        multipart('mixed', [
          textPart('Atbilde pielikumā.'),
          file('application/pdf', 'Atbilde.pdf'),
          file('application/vnd.etsi.asic-e+zip', 'Atbilde.edoc'),
          imagePart('bedre.png', PNG),
          file('application/pkcs7-signature', 'smime.p7s'),
          file('text/x-vcard', 'Liga.vcf'),
          file('application/ms-tnef', 'winmail.dat'),
        ]),
      );
      const parts = await readReplyParts(raw);
      assert.deepEqual(parts.documents, ['Atbilde.pdf', 'Atbilde.edoc']);
      assert.equal(parts.images.length, 1);
    });

    it('finds no reply in a message that is only a message/rfc822 part', async () => {
      const raw = message(part(['Content-Type: message/rfc822'], `Subject: x\n\n${'janis@example.org'}`));
      assert.deepEqual(await readReplyParts(raw), {
        text: undefined,
        html: undefined,
        images: [],
        documents: [],
      });
    });
  });

  describe('which images are photos', () => {
    it('keeps attached and unreferenced inline images but not a logo the HTML shows by cid', async () => {
      const raw = message(
        multipart('mixed', [
          multipart('alternative', [
            textPart('Foto pielikumā.'),
            multipart('related', [
              htmlPart('<p>Foto pielikumā.</p><img src="cid:Logo@Example.org">'),
              imagePart('logo.png', PNG, ['Content-ID: <logo@example.org>']),
              imagePart('inline.png', PNG, ['Content-ID: <inline@example.org>']),
            ]),
          ]),
          imagePart('bedre.png', PNG),
        ]),
      );
      const images = (await readReplyParts(raw)).images;
      assert.deepEqual(
        images.map((image) => [image.filename, image.contentType]),
        [
          ['inline.png', 'image/png'],
          ['bedre.png', 'image/png'],
        ],
      );
      assert.deepEqual(images[0]!.content, PNG);
    });

    it(`keeps at most ${MAX_IMAGES} images and drops one over ${MAX_IMAGE_BYTES} bytes`, async () => {
      const big = imagePart('big.png', Buffer.alloc(MAX_IMAGE_BYTES + 1, 1));
      const many = Array.from({ length: MAX_IMAGES + 2 }, (_, i) => imagePart(`${i}.png`, PNG));
      const images = (await readReplyParts(message(multipart('mixed', [textPart('Foto.'), big, ...many]))))
        .images;
      assert.equal(images.length, MAX_IMAGES);
      assert.equal(images[0]!.filename, '0.png');
    });
  });

  describe('damaged and hostile messages', () => {
    it(`keeps ${MAX_TEXT_BYTES} bytes of an enormous text part`, async () => {
      const parts = await readReplyParts(message(textPart(`Sākums.${'ā'.repeat(MAX_TEXT_BYTES)}`)));
      assert.ok(parts.text!.startsWith('Sākums.'));
      assert.ok(Buffer.byteLength(parts.text!) <= MAX_TEXT_BYTES);
      assert.doesNotMatch(parts.text!, /\ufffd/);
    });

    it('reads the reply of a multipart whose closing boundary never comes', async () => {
      const raw = Buffer.from(
        'From: a@example.org\nContent-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain\n\nDarīts.\n--x\n',
      );
      assert.equal((await readReplyParts(raw)).text, 'Darīts.');
    });

    it('reads what it can of broken base64 and a lone "=" in quoted-printable', async () => {
      const base64 = textPart('RGFy*xKt0!cy4=\n', 'utf-8', ['Content-Transfer-Encoding: base64']);
      assert.equal((await readReplyParts(message(base64))).text, 'Darīts.');
      const qp = textPart('5 =3D 5 un 100% =\nlabi = pareizi', 'utf-8', [
        'Content-Transfer-Encoding: quoted-printable',
      ]);
      assert.equal((await readReplyParts(message(qp))).text, '5 = 5 un 100% labi = pareizi');
    });

    it('gives up on the parts after a limit but still returns the reply before them', async () => {
      const many = Array.from({ length: 1_000 }, () => textPart('x'));
      const parts = await readReplyParts(message(multipart('mixed', [textPart('Atbilde.'), ...many])));
      assert.equal(parts.text, 'Atbilde.');
    });

    it('returns nothing for a multipart without a boundary rather than failing', async () => {
      const raw = Buffer.from('From: a@example.org\nContent-Type: multipart/mixed\n\nDarīts.\n');
      assert.deepEqual(await readReplyParts(raw), {
        text: undefined,
        html: undefined,
        images: [],
        documents: [],
      });
    });

    it('rejects bytes that have no header line at all', async () => {
      await assert.rejects(readReplyParts(Buffer.from('tikai teksts bez galvenēm')), /no parsable header/);
      await assert.rejects(readReplyParts(Buffer.alloc(0)), /no parsable header/);
    });
  });

  describe('the fixtures', () => {
    it('finds the same reply as mailparser in every fixture with a single text body', async () => {
      for (const name of [
        'outlook-lv-reply.eml',
        'gmail-en-reply.eml',
        'thunderbird-ru-reply.eml',
        'html-only-reply.eml',
        'reply-with-photo.eml',
        'forwarded.eml',
        'no-message-id.eml',
        'script-in-html.eml',
        'stranger-reply.eml',
        'status-word-wrong-case.eml',
      ]) {
        const ours = await readReplyParts(readFixture(name));
        const theirs = await parseFixture(name);
        assert.equal(extractReplyText(ours), extractReplyText(theirs), name);
        assert.equal(extractReplyText({ html: ours.html }), extractReplyText({ html: theirs.html }), name);
      }
    });

    it('keeps the photo of reply-with-photo.eml byte for byte', async () => {
      const [ours] = (await readReplyParts(readFixture('reply-with-photo.eml'))).images;
      const [theirs] = (await simpleParser(readFixture('reply-with-photo.eml'))).attachments;
      assert.deepEqual([ours!.contentType, ours!.filename], ['image/jpeg', 'IMG_0042.jpeg']);
      assert.deepEqual(ours!.content, theirs!.content);
    });

    it('reads only the human-readable part of a bounce, never the returned headers or message', async () => {
      const permanent = await readReplyParts(readFixture('bounce-permanent.eml'));
      assert.match(permanent.text!, /^This is the mail system/);
      assert.doesNotMatch(permanent.text!, /Final-Recipient|Subject: \[Tilts\]/);
      const temporary = await readReplyParts(readFixture('bounce-temporary.eml'));
      assert.doesNotMatch(temporary.text!, /Reporting-MTA|nedrīkst parādīties/);
    });
  });
});
