import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, testJpeg } from '../support/reports.js';
import { count, errorOf, pendingIds, postForm, validFields } from './report-form-helpers.js';

const MB = 1024 * 1024;

/** A file far over the 10 MB limit; it is refused for its size before anyone decodes it. */
const huge = (megabytes: number) => Buffer.alloc(megabytes * MB, 0xd8);

type Part = { name: string; value: string } | { name: string; filename: string; data: Buffer };

/** A multipart body written out by hand, for what supertest will not send (an empty file input). */
function multipart(parts: readonly Part[]) {
  const boundary = '----TiltsTestBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head =
      'value' in part
        ? `Content-Disposition: form-data; name="${part.name}"\r\n\r\n`
        : `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n';
    chunks.push(Buffer.from(`--${boundary}\r\n${head}`));
    chunks.push('value' in part ? Buffer.from(part.value) : part.data);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

describe('a photo over the size limit', () => {
  let context: TestContext;
  let jpeg: Buffer;

  before(async () => {
    context = await makeApp();
    jpeg = await testJpeg();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('is refused alone on the report form: the small photo becomes a pending upload and every field is kept', async () => {
    const { app, services } = context;
    const fields = validFields({
      title: 'Divas bildes',
      description: 'Viena liela, viena maza.\nOtrā rinda.',
      location: 'Rēzekne, Atbrīvošanas aleja 100',
      lat: '56.51',
      lon: '27.33',
      name: 'Ilze Liepa',
      email: 'two-photos@example.lv',
      phone: '+371 26000000',
    });
    const res = await postForm(app, fields, {
      lang: 'en',
      extra: [['show_name', '1']],
      files: [
        { buffer: huge(27), filename: 'liela-bilde.jpg' },
        { buffer: jpeg, filename: 'maza-bilde.jpg' },
      ],
    }).expect(422);

    assert.equal(
      errorOf(res.text, 'photos'),
      'Error: The file “liela-bilde.jpg” is larger than 10 MB. Please add a smaller photo.',
    );
    const [id, ...more] = pendingIds(res.text);
    assert.ok(id, 'the small photo is kept');
    assert.deepEqual(more, []);
    assert.ok(res.text.includes(`src="/uploads/pending/${id}/thumb"`));
    await request(app).get(`/uploads/pending/${id}/thumb`).expect(200).expect('Content-Type', 'image/jpeg');
    assert.equal(await count(services.knex, 'pending_uploads'), 1);
    for (const name of ['title', 'location', 'lat', 'lon', 'name', 'email', 'phone'] as const) {
      const input = `name="${name}" type="${name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text'}" value="${fields[name]}"`;
      assert.ok(res.text.includes(input), `${name} keeps “${fields[name]}”`);
    }
    assert.ok(res.text.includes('>Viena liela, viena maza.\nOtrā rinda.</textarea>'));
    assert.match(res.text, /<option value="roads" selected>/);
    assert.match(res.text, /<option value="kaunatas" selected>/);
    assert.match(res.text, /name="show_name" value="1"[^>]* checked>/);
    assert.equal(await count(services.knex, 'reports'), 0);

    await postForm(app, fields, {
      extra: [
        ['show_name', '1'],
        ['pending_photos', id],
      ],
    }).expect(303);
    const report = await services.knex('reports').where({ reporter_email: 'two-photos@example.lv' }).first();
    assert.equal(report.title, 'Divas bildes');
    assert.equal(report.reporter_phone, '+371 26000000');
    assert.equal(await count(services.knex, 'report_photos', { report_id: report.id }), 1);
    assert.equal(await count(services.knex, 'pending_uploads'), 0);
  });

  it('is refused alone on the comment form, named (shortened), with the good photo kept and the button read', async () => {
    const { app, services } = context;
    const { report, token } = await makeReport(services);
    const longName = `${'ļoti-gara-nosaukuma-'.repeat(6)}bilde.jpg`;
    const res = await request(app)
      .post(`/reports/${report.ref}/actions`)
      .field('token', token)
      .field('text', 'Bedre kļuvusi lielāka.')
      .attach('photos', huge(27), longName)
      .attach('photos', jpeg, 'maza.jpg')
      .field('action', 'comment')
      .expect(422);

    assert.ok(res.text.includes(`Fails „${longName.slice(0, 79)}…” ir lielāks par 10 MB.`));
    // The button comes after the files; it is read, so there is no "choose what to do" message.
    assert.doesNotMatch(res.text, /Lūdzu, izvēlieties, ko vēlaties darīt/);
    assert.match(res.text, />Bedre kļuvusi lielāka\.<\/textarea>/);
    const ids = [...res.text.matchAll(/name="pending" value="([\w-]{22})"/g)].map((match) => match[1]!);
    assert.equal(ids.length, 1);
    assert.match(res.text, new RegExp(`<img src="/uploads/pending/${ids[0]}/thumb"`));
    const before = await services.knex('report_updates').where({ report_id: report.id }).count({ n: '*' });

    await request(app)
      .post(`/reports/${report.ref}/actions`)
      .field('token', token)
      .field('text', 'Bedre kļuvusi lielāka.')
      .field('pending', ids[0]!)
      .field('action', 'comment')
      .expect(303);
    const updates = await services.knex('report_updates').where({ report_id: report.id }).orderBy('id');
    assert.equal(updates.length, Number(before[0]!.n) + 1);
    const last = updates.at(-1);
    assert.equal(last.public_text, 'Bedre kļuvusi lielāka.');
    assert.equal(await count(services.knex, 'report_photos', { update_id: last.id }), 1);
  });

  it('among six photos gets its own message beside the sixth’s “at most 5”, and the first five good ones are kept', async () => {
    const { app, services } = context;
    const six = Array.from({ length: 6 }, (_, i) => ({ buffer: jpeg, filename: `foto-${i + 1}.jpg` }));
    const res = await postForm(app, validFields({ email: 'seven@example.lv' }), {
      lang: 'en',
      files: [six[0]!, { buffer: huge(12), filename: 'big.jpg' }, ...six.slice(1)],
    }).expect(422);
    const message = errorOf(res.text, 'photos')!;
    assert.match(message, /The file “big\.jpg” is larger than 10 MB\./);
    assert.match(message, /The file “foto-6\.jpg” was not added: you can add at most 5 photos\./);
    assert.equal(pendingIds(res.text).length, 5);
    assert.equal(await count(services.knex, 'reports', { reporter_email: 'seven@example.lv' }), 0);
  });

  it('leaves an empty file input alone, as a browser sends it when no photo was chosen', async () => {
    const { app, services } = context;
    const fields = validFields({ email: 'no-photo@example.lv', title: 'Bez bildes', parish: 'maltas' });
    const { type, body } = multipart([
      ...Object.entries(fields).map(([name, value]) => ({ name, value })),
      { name: 'photos', filename: '', data: Buffer.alloc(0) },
    ]);
    await request(app).post('/reports').set('Content-Type', type).send(body).expect(303);
    const report = await services.knex('reports').where({ reporter_email: 'no-photo@example.lv' }).first();
    assert.equal(report.title, 'Bez bildes');
    assert.equal(await count(services.knex, 'report_photos', { report_id: report.id }), 0);
  });

  it('still answers a body cut off in the middle of a photo, small or large, with the "bad request" page', async () => {
    const { app, services } = context;
    const before = await count(services.knex, 'pending_uploads');
    const fields = Object.entries(validFields({ email: 'cut@example.lv' })).map(([name, value]) => ({
      name,
      value,
    }));
    const small = multipart([...fields, { name: 'photos', filename: 'a.jpg', data: jpeg }]);
    const cutSmall = small.body.subarray(0, small.body.length - jpeg.length / 2);
    await request(app).post('/reports').set('Content-Type', small.type).send(cutSmall).expect(400);
    // Past the size limit the file is no longer held, but its end is still awaited, so a cut is seen.
    const large = multipart([...fields, { name: 'photos', filename: 'cut.jpg', data: huge(12) }]);
    const cutLarge = large.body.subarray(0, 11 * MB);
    await request(app).post('/reports').set('Content-Type', large.type).send(cutLarge).expect(400);
    assert.equal(await count(services.knex, 'pending_uploads'), before);
    assert.equal(await count(services.knex, 'reports', { reporter_email: 'cut@example.lv' }), 0);
  });
});
