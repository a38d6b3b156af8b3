import assert from 'node:assert/strict';
import sharp from 'sharp';
import { makeApp, type TestContext } from '../support/app.js';
import { pngDeclaring } from '../unit/uploads/crafted-images.js';
import {
  count,
  errorOf,
  jpeg,
  jpegWithGps,
  pendingIds,
  postForm,
  validFields,
} from './report-form-helpers.js';

async function bytes(body: Buffer | NodeJS.ReadableStream): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
);

describe('photos on the report form', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('keeps the photos of a form that failed, shows them, and attaches them when the form is sent again', async () => {
    const { app, services } = context;
    const files = [
      { buffer: await jpegWithGps(), filename: 'bedre-ar-gps.jpg' },
      { buffer: await jpeg(), filename: 'otra.jpg' },
    ];
    assert.ok((await sharp(files[0]!.buffer).metadata()).exif, 'the test photo carries EXIF with GPS');
    const failed = await postForm(app, validFields({ title: '' }), { files }).expect(422);
    const ids = pendingIds(failed.text);
    assert.equal(ids.length, 2);
    assert.equal(await count(services.knex, 'reports'), 0);
    assert.equal(await count(services.knex, 'pending_uploads'), 2);
    for (const [index, id] of ids.entries()) {
      assert.ok(
        failed.text.includes(
          `<img class="photo-list__img" src="/uploads/pending/${id}/thumb" alt="${index + 1}. jūsu pievienotā fotogrāfija">`,
        ),
      );
      assert.ok(failed.text.includes(`name="remove_photos" value="${id}"`));
    }

    await postForm(app, validFields(), { extra: ids.map((id) => ['pending_photos', id]) }).expect(303);
    const report = await services.knex('reports').first();
    const photos = await services.knex('report_photos').where({ report_id: report.id }).orderBy('position');
    assert.equal(photos.length, 2);
    assert.equal(await count(services.knex, 'pending_uploads'), 0);
    // What is stored is the re-encoded photo: the GPS position the phone wrote is gone.
    const stored = await services.photos.read(photos[0].storage_key);
    const metadata = await sharp(await bytes(stored!.body)).metadata();
    assert.equal(metadata.exif, undefined);
  });

  it('leaves out a kept photo whose "remove" box is ticked', async () => {
    const { app, services } = context;
    const failed = await postForm(app, validFields({ name: '' }), {
      files: [
        { buffer: await jpeg(), filename: 'a.jpg' },
        { buffer: await jpeg(), filename: 'b.jpg' },
      ],
    }).expect(422);
    const [keep, drop] = pendingIds(failed.text) as [string, string];
    await postForm(app, validFields({ email: 'remove@example.lv' }), {
      extra: [
        ['pending_photos', keep],
        ['pending_photos', drop],
        ['remove_photos', drop],
      ],
    }).expect(303);
    const report = await services.knex('reports').where({ reporter_email: 'remove@example.lv' }).first();
    assert.equal(await count(services.knex, 'report_photos', { report_id: report.id }), 1);
  });

  it('refuses a text file named .jpg, an SVG and a 40,000 × 40,000 PNG, naming each file', async () => {
    const { app, services } = context;
    const before = await count(services.knex, 'pending_uploads');
    const res = await postForm(app, validFields({ email: 'bad-files@example.lv' }), {
      lang: 'en',
      files: [
        { buffer: Buffer.from('just some text, honestly\n'), filename: 'notes.jpg' },
        { buffer: SVG, filename: 'drawing.svg' },
        { buffer: pngDeclaring(40_000, 40_000), filename: 'bomb.png' },
      ],
    }).expect(422);
    const message = errorOf(res.text, 'photos')!;
    assert.match(message, /The file “notes\.jpg” is not a photo/);
    assert.match(message, /The file “drawing\.svg” is not a photo/);
    assert.match(message, /The image “bomb\.png” is too large \(over 50 megapixels\)/);
    assert.ok(res.text.includes('<a href="#field-photos">The file “notes.jpg” is not a photo'));
    assert.doesNotMatch(res.text, /<svg xmlns/);
    assert.equal(await count(services.knex, 'pending_uploads'), before);
    assert.equal(await count(services.knex, 'reports', { reporter_email: 'bad-files@example.lv' }), 0);
  });

  it('keeps five photos and names the sixth as not added, "at most 5"', async () => {
    const { app, services } = context;
    const six = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => ({ buffer: await jpeg(), filename: `foto-${i + 1}.jpg` })),
    );
    const res = await postForm(app, validFields({ email: 'six@example.lv' }), {
      files: six,
      lang: 'en',
    }).expect(422);
    assert.equal(
      errorOf(res.text, 'photos'),
      'Error: The file “foto-6.jpg” was not added: you can add at most 5 photos. ' +
        'To add this one, first remove one of those already added.',
    );
    assert.ok(res.text.includes('<a href="#field-photos">The file “foto-6.jpg” was not added'));
    assert.equal(pendingIds(res.text).length, 5);
    assert.equal(await count(services.knex, 'reports', { reporter_email: 'six@example.lv' }), 0);

    // Counting the photos already kept: four kept and three new leave room for one; two are named.
    const kept = pendingIds(res.text).slice(0, 4);
    const more = await postForm(app, validFields({ email: 'six@example.lv' }), {
      extra: kept.map((id) => ['pending_photos', id]),
      files: six.slice(0, 3),
    }).expect(422);
    const message = errorOf(more.text, 'photos')!;
    assert.doesNotMatch(message, /„foto-1\.jpg”/);
    assert.match(
      message,
      /Fails „foto-2\.jpg” netika pievienots: var pievienot ne vairāk kā 5 fotogrāfijas\./,
    );
    assert.match(message, /Fails „foto-3\.jpg” netika pievienots/);
    assert.equal(pendingIds(more.text).length, 5);
  });

  it('names the photos it did not add in Russian, escaped as text', async () => {
    const { app } = context;
    const photo = await jpeg(8, 8);
    const names = [
      '1.jpg',
      '2.jpg',
      '3.jpg',
      '4.jpg',
      '5.jpg',
      '<img src=x onerror=alert(1)>.jpg',
      'Ūdens & "c".jpg',
    ];
    const res = await postForm(app, validFields(), {
      files: names.map((filename) => ({ buffer: photo, filename })),
      lang: 'ru',
    }).expect(422);
    assert.equal(pendingIds(res.text).length, 5);
    assert.ok(
      res.text.includes(
        'Файл «&lt;img src=x onerror=alert(1)&gt;.jpg» не добавлен: можно добавить не более 5 фотографий.',
      ),
    );
    assert.ok(res.text.includes('Файл «Ūdens &amp; &#34;c&#34;.jpg» не добавлен'));
    assert.doesNotMatch(res.text, /<img src=x/);
  });

  it('gives the form back with the text intact when a file is 30 MB', async () => {
    const { app, services } = context;
    const fields = validFields({
      title: 'Liela bilde',
      description: 'Teksts, kas nedrīkst pazust.\nOtrā rinda.',
    });
    const res = await postForm(app, fields, {
      lang: 'en',
      files: [{ buffer: Buffer.alloc(30 * 1024 * 1024, 0xff), filename: 'huge.jpg' }],
    }).expect(422);
    assert.equal(
      errorOf(res.text, 'photos'),
      'Error: The file “huge.jpg” is larger than 10 MB. Please add a smaller photo.',
    );
    assert.ok(res.text.includes('value="Liela bilde"'));
    assert.ok(res.text.includes('>Teksts, kas nedrīkst pazust.\nOtrā rinda.</textarea>'));
    assert.ok(res.text.includes('value="anna@example.lv"'));
    assert.match(res.text, /<option value="roads" selected>/);
    assert.equal(await count(services.knex, 'reports', { title: 'Liela bilde' }), 0);
  });

  it('keeps the earlier photos when a new file breaks a limit', async () => {
    const { app } = context;
    const first = await postForm(app, validFields({ title: '' }), {
      files: [{ buffer: await jpeg(), filename: 'a.jpg' }],
    }).expect(422);
    const [id] = pendingIds(first.text) as [string];
    const res = await postForm(app, validFields(), {
      extra: [['pending_photos', id]],
      files: [{ buffer: Buffer.alloc(11 * 1024 * 1024), filename: 'liels.jpg' }],
    }).expect(422);
    assert.deepEqual(pendingIds(res.text), [id]);
    assert.match(errorOf(res.text, 'photos')!, /„liels\.jpg” ir lielāks par 10 MB/);
  });

  it('keeps the first five of eleven files and names the other six, each once', async () => {
    const { app, services } = context;
    const tiny = await jpeg(8, 8);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ buffer: tiny, filename: `f${i}.jpg` }));
    const many = await postForm(app, validFields({ email: 'eleven@example.lv' }), {
      files: eleven,
      lang: 'en',
    }).expect(422);
    assert.equal(pendingIds(many.text).length, 5);
    const message = errorOf(many.text, 'photos')!;
    for (let i = 0; i < 11; i += 1) {
      const named =
        message.split(`The file “f${i}.jpg” was not added: you can add at most 5 photos.`).length - 1;
      assert.equal(named, i < 5 ? 0 : 1, `f${i}.jpg`);
    }
    assert.ok(many.text.includes('value="Bedre pie pieturas"'));
    assert.equal(await count(services.knex, 'reports', { reporter_email: 'eleven@example.lv' }), 0);
  });

  it('answers more files than the parser takes, or a file in another field, with a message on the form', async () => {
    const { app } = context;
    const tiny = await jpeg(8, 8);
    const folder = Array.from({ length: 101 }, (_, i) => ({ buffer: tiny, filename: `f${i}.jpg` }));
    const many = await postForm(app, validFields(), { files: folder, lang: 'en' }).expect(422);
    assert.equal(errorOf(many.text, 'photos'), 'Error: You can add at most 5 photos.');
    assert.ok(many.text.includes('value="Bedre pie pieturas"'));
    const stray = await postForm(app, validFields(), {
      files: [{ buffer: tiny, filename: 'x.jpg', field: 'avatar' }],
      lang: 'en',
    }).expect(422);
    assert.match(errorOf(stray.text, 'photos')!, /could not be read/);
  });
});

describe('a form sent twice at once (a double click)', () => {
  it('makes one report with the photos, and both answers say to check the email', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const { app, services } = await makeApp();
    const failed = await postForm(app, validFields({ title: '' }), {
      files: [{ buffer: await jpeg(), filename: 'a.jpg' }],
    }).expect(422);
    const extra = pendingIds(failed.text).map((id): [string, string] => ['pending_photos', id]);
    // Both submissions read their photos before either claims them, as on a busy server.
    const { photos } = services;
    const read = photos.pending.bind(photos);
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    photos.pending = async (ids) => {
      const found = await read(ids);
      arrived += 1;
      if (arrived === 2) release();
      if (arrived <= 2) await bothRead;
      return found;
    };
    const answers = await Promise.all([
      postForm(app, validFields(), { extra }),
      postForm(app, validFields(), { extra }),
    ]);
    assert.deepEqual(
      answers.map((res) => [res.status, res.headers.location]),
      [
        [303, '/reports/sent'],
        [303, '/reports/sent'],
      ],
    );
    assert.equal(await count(services.knex, 'reports'), 1);
    assert.equal(await count(services.knex, 'report_photos'), 1);
  });
});
