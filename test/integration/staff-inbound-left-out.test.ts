import assert from 'node:assert/strict';
import { clerkReplyWithImages } from '../support/reports.inbound.js';
import { testJpeg } from '../support/reports.js';
import { canDecodeHeic as canDecode } from '../../src/uploads/photo-processor.js';
import { heicContainer } from '../unit/uploads/crafted-images.js';
import { mailDesk } from './staff-inbound-helpers.js';

describe('the staff workspace: publishing a held reply whose attachments are not all photos', () => {
  const desk = mailDesk();

  it('publishes the photos it can take and says, by name and why, which files were left out', async () => {
    const { context, report, worker, post, replyTo, row, newest } = desk();
    const jpeg = await testJpeg();
    const files = [
      { name: 'bedre.jpg', data: jpeg },
      { name: 'IMG_0042.HEIC', data: heicContainer() },
      { name: 'piezīmes.jpg', data: Buffer.from('Sveiki, šis nav attēls.\n') },
      ...[1, 2, 3, 4].map((n) => ({ name: `vēl-${n}.jpg`, data: jpeg })),
    ];
    await post(clerkReplyWithImages(replyTo(), 'Bedre aizbērta.', files));
    const id = await newest();
    assert.equal((await row(id)).outcome, 'held');
    const published = await worker.agent
      .post(`/staff/inbound/${id}/publish`)
      .type('form')
      .send({ _csrf: worker.csrf, publicText: 'Bedre aizbērta.', photos: 'on' })
      .expect(303);
    // By place and reason only: the files' names stay out of the address and the access log.
    const location = published.headers.location!;
    assert.doesNotMatch(location, /HEIC|piez/);
    const photos = await context.services
      .knex('report_photos')
      .where({ report_id: report.id })
      .whereNotNull('update_id');
    assert.equal(photos.length, 3, 'the first five images, less the two that are no photo Tilts takes');

    const page = await worker.agent.get(`${location}&lang=en`).expect(200);
    const notice = /data-qa="left-out">([\s\S]*?)<\/div>/.exec(page.text)?.[1]?.replace(/\s+/g, ' ');
    assert.ok(notice, 'the page says what was left out');
    assert.match(
      notice,
      /These attached files were not published with the answer, so the resident does not see them:/,
    );
    const heic = canDecode()
      ? []
      : ['<li>“IMG_0042.HEIC”: Tilts cannot open a HEIC photo; ask the sender to send it as a JPEG.</li>'];
    const items = notice.match(/<li>[^<]*<\/li>/g);
    assert.deepEqual(items, [
      ...heic,
      '<li>“piezīmes.jpg”: it is not an image.</li>',
      '<li>“vēl-3.jpg”: at most 5 photos can be published with an answer.</li>',
      '<li>“vēl-4.jpg”: at most 5 photos can be published with an answer.</li>',
    ]);
    // In Latvian and Russian too.
    const lv = await worker.agent.get(`${location}&lang=lv`).expect(200);
    assert.match(lv.text, /Šie pievienotie faili netika publicēti[\s\S]*„piezīmes\.jpg”: tas nav attēls\./);
    const ru = await worker.agent.get(`${location}&lang=ru`).expect(200);
    assert.match(
      ru.text,
      /Эти приложенные файлы не опубликованы[\s\S]*«piezīmes\.jpg»: это не изображение\./,
    );
    // A crafted or stale list shows only what the message has.
    const crafted = await worker.agent.get(`/staff/inbound/${id}?done=publish&left=99-not_image,0-nope,x`);
    assert.equal(/data-qa="left-out">[\s\S]*?<\/div>/.exec(crafted.text)?.[0], undefined);
  });

  it('says nothing was left out when every attachment was taken', async () => {
    const { worker, post, replyTo, newest } = desk();
    await post(
      clerkReplyWithImages(replyTo(), 'Bedre aizbērta.', [{ name: 'bedre.jpg', data: await testJpeg() }]),
    );
    const id = await newest();
    const published = await worker.agent
      .post(`/staff/inbound/${id}/publish`)
      .type('form')
      .send({ _csrf: worker.csrf, publicText: 'Bedre aizbērta.', photos: 'on' })
      .expect(303);
    assert.equal(published.headers.location, `/staff/inbound/${id}?done=publish`);
    const page = await worker.agent.get(published.headers.location!).expect(200);
    assert.doesNotMatch(page.text, /data-qa="left-out"/);
  });
});
