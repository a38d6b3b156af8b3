import assert from 'node:assert/strict';
import request from 'supertest';
import type { PendingPhoto } from '../../src/photos/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport, testJpeg } from '../support/reports.js';

describe('a reporter’s comment with a photo sent twice at once', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  // Two clicks at once both read the photo as still pending before either takes it; the second
  // then finds it taken. On PostgreSQL that happens with two real requests; here the second
  // request is made to read what the first read, so the test is the same on both engines.
  it('answers the second as the first (the comment is there), not with a server error', async () => {
    const { app, services } = context;
    const { report, token } = await makeReport(services);
    const first = await request(app)
      .post(`/reports/${report.ref}/actions?lang=en`)
      .field('token', token)
      .field('text', '')
      .attach('photos', await testJpeg(), 'bedre.jpg')
      .field('action', 'comment-not-chosen')
      .expect(422);
    const id = /name="pending" value="([\w-]{22})"/.exec(first.text)![1]!;
    const stale: PendingPhoto[] = await services.photos.pending([id]);
    assert.equal(stale.length, 1);

    const send = () =>
      request(app)
        .post(`/reports/${report.ref}/actions?lang=en`)
        .type('form')
        .send({ token, text: 'Bedre kļuvusi lielāka.', pending: id, action: 'comment' });
    const done = await send().expect(303);

    const { photos } = services;
    const pending = photos.pending.bind(photos);
    let reads = 0;
    photos.pending = (ids) => (reads++ === 0 ? Promise.resolve(stale) : pending(ids));
    try {
      const again = await send();
      assert.equal(again.status, 303, again.text.slice(0, 200));
      assert.equal(again.headers.location, done.headers.location);
    } finally {
      photos.pending = pending;
    }
    const comments = await services
      .knex('report_updates')
      .where({ report_id: report.id, public_text: 'Bedre kļuvusi lielāka.' });
    assert.equal(comments.length, 1, 'one comment, with its photo');
    assert.equal(
      await services
        .knex('report_photos')
        .where({ update_id: comments[0].id })
        .count('* as n')
        .first()
        .then((row) => Number(row!.n)),
      1,
    );
  });
});
