import assert from 'node:assert/strict';
import type { PendingPhoto } from '../../src/photos/types.js';
import { MAX_WAITING_DECODES, photoDecodes } from '../../src/uploads/photo-processor.js';
import { fillDecoder } from '../support/decoder.js';
import { clerkReplyWithImages } from '../support/reports.inbound.js';
import { testJpeg } from '../support/reports.js';
import { mailDesk } from './staff-inbound-helpers.js';

describe('the staff workspace: publishing a held reply with its photos while the decoder is flooded', () => {
  const desk = mailDesk();

  /** A clerk's reply held for the social worker, with `count` photos attached: the desk and its id. */
  const heldWithPhotos = async (count: number) => {
    const found = desk();
    const jpeg = await testJpeg();
    const names = ['bedre.jpg', 'vēl.jpg', 'trešā.jpg'].slice(0, count);
    await found.post(
      clerkReplyWithImages(
        found.replyTo(),
        'Bedre aizbērta.',
        names.map((name) => ({ name, data: jpeg })),
      ),
    );
    return { ...found, id: await found.newest() };
  };

  it('publishes nothing, keeps the reply held and the words typed, and asks to try again in a minute', async () => {
    const { context, report, worker, row, id } = await heldWithPhotos(2);
    const { knex } = context.services;
    assert.equal((await row(id)).outcome, 'held');
    const updatesBefore = await knex('report_updates').where({ report_id: report.id }).count({ n: '*' });
    const pendingBefore = await knex('pending_uploads').count({ n: '*' });

    const flood = fillDecoder();
    try {
      assert.deepEqual(photoDecodes.load, { running: 1, waiting: MAX_WAITING_DECODES });
      const send = { _csrf: worker.csrf, publicText: 'Bedre aizbērta šodien.', photos: 'on' };
      const busy = await worker.agent
        .post(`/staff/inbound/${id}/publish?lang=en`)
        .type('form')
        .send(send)
        .expect(422);
      assert.match(
        busy.text,
        /The photos could not be processed just now \(the server is busy or its storage is failing\)\. Nothing was published; please try again in a minute\./,
      );
      // What the person typed is given back, to send again as it is.
      assert.match(busy.text, /Bedre aizbērta šodien\./);
      const lv = await worker.agent
        .post(`/staff/inbound/${id}/publish?lang=lv`)
        .type('form')
        .send(send)
        .expect(422);
      assert.match(lv.text, /Fotogrāfijas pašlaik nevarēja apstrādāt[^<]*mēģiniet vēlreiz pēc minūtes\./);
      // Nothing decided, nothing published, no photo left pending, no decision in the audit log.
      const held = await row(id);
      assert.equal(held.outcome, 'held');
      assert.equal(held.update_id, null);
      assert.deepEqual(
        await knex('report_updates').where({ report_id: report.id }).count({ n: '*' }),
        updatesBefore,
      );
      assert.deepEqual(await knex('pending_uploads').count({ n: '*' }), pendingBefore);
      assert.equal(await knex('report_photos').where({ report_id: report.id }).first(), undefined);
      assert.equal(
        await knex('audit_log')
          .where({ action: 'inbound.publish', object_id: String(id) })
          .first(),
        undefined,
      );
      // The refused photos waited for nothing: the line is as full as before, no longer.
      assert.deepEqual(photoDecodes.load, { running: 1, waiting: MAX_WAITING_DECODES });
    } finally {
      await flood.release();
    }

    // A minute later the same form publishes the words with both photos.
    await worker.agent
      .post(`/staff/inbound/${id}/publish`)
      .type('form')
      .send({ _csrf: worker.csrf, publicText: 'Bedre aizbērta šodien.', photos: 'on' })
      .expect(303);
    assert.equal((await row(id)).outcome, 'applied');
    const photos = await knex('report_photos').where({ report_id: report.id }).whereNotNull('update_id');
    assert.equal(photos.length, 2);
  });

  /**
   * The photos a publication takes, one at a time: `before(n)` runs before the n-th is taken (1
   * for the first); `taken` are those stored as pending uploads.
   */
  const watchPhotos = (
    services: { photos: { accept: (...args: never[]) => unknown } },
    before: (n: number) => void,
  ) => {
    const photos = services.photos as unknown as {
      accept: (...args: unknown[]) => Promise<{ pending: PendingPhoto[] }>;
    };
    const original = photos.accept.bind(photos);
    const taken: PendingPhoto[] = [];
    let calls = 0;
    photos.accept = async (...args: unknown[]) => {
      calls += 1;
      before(calls);
      const accepted = await original(...args);
      taken.push(...accepted.pending);
      return accepted;
    };
    return taken;
  };

  it('leaves no pending photo behind when the decoder is flooded at its second photo', async () => {
    const { context, worker, row, id } = await heldWithPhotos(3);
    const { knex } = context.services;
    assert.equal((await row(id)).outcome, 'held');
    let flood: { release: () => Promise<void> } | undefined;
    const taken = watchPhotos(context.services, (n) => {
      if (n === 2) flood = fillDecoder();
    });
    try {
      await worker.agent
        .post(`/staff/inbound/${id}/publish?lang=en`)
        .type('form')
        .send({ _csrf: worker.csrf, publicText: 'Bedre aizbērta šodien.', photos: 'on' })
        .expect(422);
    } finally {
      await flood?.release();
    }
    assert.equal(taken.length, 1, 'the first photo was taken before the decoder was full');
    assert.equal((await row(id)).outcome, 'held');
    assert.deepEqual(await knex('pending_uploads').select('id'), [], 'nothing left for the purge');
    assert.equal(await context.services.photos.read(taken[0]!.storageKey), null, 'nor its file');
  });

  it('leaves no pending photo behind when the decision is refused after its photos were taken', async () => {
    const { context, report, worker, row, id } = await heldWithPhotos(2);
    const { knex } = context.services;
    const taken = watchPhotos(context.services, () => undefined);
    // The resident's own phone number typed back in: the publication is refused in its transaction.
    const refused = await worker.agent
      .post(`/staff/inbound/${id}/publish?lang=en`)
      .type('form')
      .send({ _csrf: worker.csrf, publicText: `Zvaniet: ${report.reporterPhone}.`, photos: 'on' })
      .expect(422);
    assert.match(refused.text, /href="#publish-text"/);
    assert.equal(taken.length, 2);
    assert.equal((await row(id)).outcome, 'held');
    assert.deepEqual(await knex('pending_uploads').select('id'), []);
    assert.equal(await knex('report_photos').where({ report_id: report.id }).first(), undefined);
    for (const photo of taken) assert.equal(await context.services.photos.read(photo.storageKey), null);

    // Published as it should be, the photos are taken again and kept with their files.
    await worker.agent
      .post(`/staff/inbound/${id}/publish`)
      .type('form')
      .send({ _csrf: worker.csrf, publicText: 'Bedre aizbērta.', photos: 'on' })
      .expect(303);
    const kept = await knex('report_photos').where({ report_id: report.id });
    assert.equal(kept.length, 2);
    for (const photo of kept) assert.notEqual(await context.services.photos.read(photo.storage_key), null);
  });
});
