import assert from 'node:assert/strict';
import type { StaffInboundRepository } from '../../src/staff/inbound/repository.js';
import { dkimSigned } from '../support/dkim.js';
import { clerkReply } from '../support/reports.inbound.js';
import { mailDesk } from './staff-inbound-helpers.js';

/*
 * A signed reply held for the social worker and sent again is held again beside it, as its copy
 * (replays.ts). The resident reads it once: after one of them is published, publishing another is
 * refused, whichever came first.
 */
describe('the staff workspace: two held copies of one signed reply', () => {
  const desk = mailDesk();
  const withMessageId = (raw: Buffer, id: string) =>
    Buffer.from(raw.toString('latin1').replace(/^Message-ID: .*$/im, `Message-ID: <${id}>`), 'latin1');

  /** The first reply and its copy, both held on the report. */
  const copies = async (d: ReturnType<typeof desk>) => {
    const { context, post, replyTo, row, newest } = d;
    const raw = await dkimSigned(
      context.dns,
      clerkReply({ from: 'svesais@example.org', to: replyTo(), text: 'Bedre aizbērta.', quote: false }),
      undefined,
      'from:to:subject',
    );
    assert.equal((await post(raw)).body.outcome, 'held');
    const first = await newest();
    assert.equal(
      (await post(withMessageId(raw, `copy-${Date.now()}@evil.example.net`))).body.outcome,
      'held',
    );
    const copy = await newest();
    assert.equal((await row(copy)).detail, `replayed: ${first}`);
    return { first, copy };
  };
  const updates = async (d: ReturnType<typeof desk>) =>
    (await d.context.services.knex('report_updates').where({ report_id: d.report.id })).length;

  for (const order of ['the first', 'the copy'] as const) {
    it(`refuses to publish one after ${order} was published, saying why in the page shown again`, async () => {
      const d = desk();
      const { worker, row } = d;
      const { first, copy } = await copies(d);
      const [published, other] = order === 'the first' ? [first, copy] : [copy, first];
      const form = { _csrf: worker.csrf, publicText: 'Bedre aizbērta.' };
      await worker.agent.post(`/staff/inbound/${published}/publish`).type('form').send(form).expect(303);
      assert.equal((await row(published)).outcome, 'applied');
      const before = await updates(d);

      const said = {
        en: 'Another copy of this same email has already been published on this report, so this one was not published: the resident would read it twice. You can drop this copy.',
        lv: 'Cita šīs pašas e-pasta vēstules kopija šim ziņojumam jau ir publicēta, tāpēc šī netika publicēta: iedzīvotājs to lasītu divreiz. Šo kopiju var atmest.',
        ru: 'Другая копия этого же письма уже опубликована в этом сообщении, поэтому эта не опубликована: житель прочитал бы его дважды. Эту копию можно отбросить.',
      };
      for (const [lang, text] of Object.entries(said)) {
        const refused = await worker.agent
          .post(`/staff/inbound/${other}/publish?lang=${lang}`)
          .type('form')
          .send({ ...form, publicText: 'Bedre aizbērta šodien.' })
          .expect(422);
        assert.ok(refused.text.includes(text), `${lang}: why it was refused`);
        assert.match(refused.text, /Bedre aizbērta šodien\./, 'what was typed is given back');
      }
      const still = await row(other);
      assert.deepEqual([still.outcome, still.decided_at, still.update_id], ['held', null, null]);
      assert.equal(await updates(d), before, 'the resident reads it once');
      // It can still be dropped.
      await worker.agent
        .post(`/staff/inbound/${other}/drop`)
        .type('form')
        .send({ _csrf: worker.csrf })
        .expect(303);
      assert.equal((await row(other)).outcome, 'dropped');
    });
  }

  it('publishes one of two copies published at the same moment by two people (PostgreSQL)', async function () {
    if (!process.env.TEST_DATABASE_URL) this.skip(); // PGlite runs one query at a time: nothing runs at once
    const d = desk();
    const { context, worker, admin, row } = d;
    const { first, copy } = await copies(d);
    // Each decision waits at its own row until both have come that far (or half a second passed): what
    // the first copy's lock keeps out waits for the other's whole transaction instead.
    const actions = context.services.staffInboundActions as unknown as {
      deps: { staffInbound: StaffInboundRepository };
    };
    const repository = actions.deps.staffInbound;
    const decide = repository.decide.bind(repository);
    let arrived = 0;
    let both!: () => void;
    const together = new Promise<void>((resolve) => (both = resolve));
    repository.decide = async (...args) => {
      arrived += 1;
      if (arrived === 2) both();
      await Promise.race([together, new Promise((resolve) => setTimeout(resolve, 500))]);
      return decide(...args);
    };
    try {
      const results = await Promise.all([
        worker.agent
          .post(`/staff/inbound/${first}/publish?lang=en`)
          .type('form')
          .send({ _csrf: worker.csrf, publicText: 'Bedre aizbērta.' }),
        admin.agent
          .post(`/staff/inbound/${copy}/publish?lang=en`)
          .type('form')
          .send({ _csrf: admin.csrf, publicText: 'Bedre aizbērta.' }),
      ]);
      assert.deepEqual(results.map((res) => res.status).sort(), [303, 422]);
      const refused = results.find((res) => res.status === 422)!;
      assert.match(refused.text, /Another copy of this same email has already been published/);
    } finally {
      repository.decide = decide;
    }
    const outcomes = [(await row(first)).outcome, (await row(copy)).outcome].sort();
    assert.deepEqual(outcomes, ['applied', 'held']);
    const published = await context.services
      .knex('report_updates')
      .where({ report_id: d.report.id })
      .whereNotNull('public_text');
    assert.equal(published.length, 1, 'the resident reads it once');
  });
});
