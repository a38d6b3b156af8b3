import assert from 'node:assert/strict';
import { dkimSigned } from '../support/dkim.js';
import { clerkReply } from '../support/reports.inbound.js';
import { mailDesk } from './staff-inbound-helpers.js';

/*
 * A signed reply that was held (its sender speaks for no one on the report) and is sent again with
 * a new Message-ID: its signature proves the copy too. The first was not applied, so the copy is no
 * "replay of what was applied": it waits for a person beside the first, and nothing is published.
 */
describe('a signed reply that was held, sent again later with other unsigned headers', () => {
  const desk = mailDesk();
  const withMessageId = (raw: Buffer, id: string) =>
    Buffer.from(raw.toString('latin1').replace(/^Message-ID: .*$/im, `Message-ID: <${id}>`), 'latin1');

  it('is held again as a copy of the first, nothing published and nobody emailed, until staff publish one', async () => {
    const { context, report, worker, post, replyTo, row, newest } = desk();
    const { knex } = context.services;
    const outbox = async () => (await knex('outbox')).length;
    const updates = async () => (await knex('report_updates').where({ report_id: report.id })).length;
    // Proven (example.org signs it), but from an address that speaks for no one on the report.
    const text = 'Bedre aizbērta.';
    const raw = await dkimSigned(
      context.dns,
      clerkReply({ from: 'svesais@example.org', to: replyTo(), text, quote: false }),
      undefined,
      'from:to:subject',
    );
    assert.equal((await post(raw)).body.outcome, 'held');
    const first = await newest();
    assert.match((await row(first)).detail, /^not_staff: /);
    const [sent, updated] = [await outbox(), await updates()];

    const again = await post(withMessageId(raw, `replay-1-${Date.now()}@evil.example.net`));
    assert.equal(again.body.outcome, 'held');
    const copy = await newest();
    assert.notEqual(copy, first);
    const copied = await row(copy);
    assert.deepEqual(
      [copied.outcome, copied.detail, copied.report_id, copied.update_id],
      ['held', `replayed: ${first}`, report.id, null],
    );
    assert.equal(await updates(), updated, 'nothing published');
    assert.equal(await outbox(), sent, 'nobody emailed again');
    // The social worker reads which message it copies, in her language.
    const page = await worker.agent.get(`/staff/inbound/${copy}?lang=en`).expect(200);
    const said = /data-qa="message-detail">([^<]*)</.exec(page.text)?.[1];
    assert.equal(
      said,
      `it is email no. ${first} sent again (the same signature proves both), which had not been ` +
        'published when this copy came: publish at most one of them.',
    );
    const lv = await worker.agent.get(`/staff/inbound/${copy}?lang=lv`).expect(200);
    assert.match(lv.text, new RegExp(`vēlreiz nosūtīta e-pasta vēstule nr\\. ${first} `));

    // Once a person has published the first, a further copy is counted no more.
    await worker.agent
      .post(`/staff/inbound/${first}/publish`)
      .type('form')
      .send({ _csrf: worker.csrf, publicText: text })
      .expect(303);
    assert.equal((await row(first)).outcome, 'applied');
    const [sentNow, updatedNow] = [await outbox(), await updates()];
    const third = await post(withMessageId(raw, `replay-2-${Date.now()}@evil.example.net`));
    assert.equal(third.body.outcome, 'duplicate');
    const last = await row(await newest());
    assert.deepEqual([last.outcome, last.detail], ['applied', 'replayed']);
    assert.equal(await updates(), updatedNow);
    assert.equal(await outbox(), sentNow);
  });
});
