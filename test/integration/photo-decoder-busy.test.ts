import assert from 'node:assert/strict';
import { MAX_WAITING_DECODES, photoDecodes } from '../../src/uploads/photo-processor.js';
import { makeApp, type TestContext } from '../support/app.js';
import { fillDecoder } from '../support/decoder.js';
import { count, errorOf, jpeg, pendingIds, postForm, validFields } from './report-form-helpers.js';

describe('photos sent while the decoder is flooded', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });
  beforeEach(async () => {
    await context.services.knex('rate_limits').delete();
  });

  it('gives the form back, text and kept photos intact, asking to add the photo again in a minute', async () => {
    const { app, services } = context;
    const first = await postForm(app, validFields({ title: '' }), {
      files: [{ buffer: await jpeg(), filename: 'kept.jpg' }],
    }).expect(422);
    const [kept] = pendingIds(first.text) as [string];
    const flood = fillDecoder();
    try {
      assert.deepEqual(photoDecodes.load, { running: 1, waiting: MAX_WAITING_DECODES });
      const fields = validFields({ email: 'busy@example.lv', title: 'Bedre ar ūdeni' });
      const busy = await postForm(app, fields, {
        lang: 'en',
        files: [{ buffer: await jpeg(), filename: 'later.jpg' }],
        extra: [['pending_photos', kept]],
      }).expect(422);
      assert.equal(
        errorOf(busy.text, 'photos'),
        'Error: The photo “later.jpg” was not saved: a great many photos are being processed right now. ' +
          'Your text and the other photos are kept below; please add it again in a minute.',
      );
      assert.ok(busy.text.includes('value="Bedre ar ūdeni"'));
      assert.deepEqual(pendingIds(busy.text), [kept]);
      assert.equal(await count(services.knex, 'reports', { reporter_email: 'busy@example.lv' }), 0);
      // Latvian, the default language, says the same.
      const lv = await postForm(app, fields, { files: [{ buffer: await jpeg(), filename: 'vēlāk.jpg' }] });
      assert.equal(lv.status, 422);
      assert.match(errorOf(lv.text, 'photos') ?? '', /Fotogrāfija „vēlāk\.jpg” netika saglabāta: pašlaik/);
      // The refused file waited for nothing: the line is as full as before, no longer.
      assert.deepEqual(photoDecodes.load, { running: 1, waiting: MAX_WAITING_DECODES });
    } finally {
      await flood.release();
    }
    const again = await postForm(app, validFields({ email: 'busy@example.lv' }), {
      files: [{ buffer: await jpeg(), filename: 'later.jpg' }],
      extra: [['pending_photos', kept]],
    }).expect(303);
    assert.ok(again.headers.location);
    const report = await services.knex('reports').where({ reporter_email: 'busy@example.lv' }).first();
    assert.equal(await count(services.knex, 'report_photos', { report_id: report.id }), 2);
  });
});
