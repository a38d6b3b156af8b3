import type { Knex } from 'knex';
import type { Report } from '../reports/types.js';
import type { InboundResult } from './handled.js';
import type { InboundRepository } from './repository.js';
import { InboundSignatures } from './signatures.js';

/**
 * A proven reply whose signature proved an earlier message on the same report: the same reply
 * sent again (its unsigned headers changed), however late. What is recorded says what became of
 * the earlier copy. Applied (by itself, or published by staff): this one is counted no more.
 * Not applied (held for the social worker, dropped, refused, or still being read): nothing of it
 * was published, so this copy is not "replayed" either; it waits for a person beside the first,
 * named as its copy, and nothing is applied without her. Nobody is emailed again: the first copy
 * told whom it had to, and whoever sends a copy again does not get to write to them once more.
 */
export class Replays {
  private readonly signatures = new InboundSignatures();

  constructor(private readonly deps: { knex: Knex; inbound: Pick<InboundRepository, 'settle' | 'find'> }) {}

  /**
   * Remembers the signatures that proved message `id`; when one proved an earlier message on the
   * report, settles this one as its copy and answers what it came to (else undefined: go on).
   */
  async settled(
    id: number,
    report: Report,
    digests: readonly string[],
    settled: Record<string, unknown> & { reportId: number },
    now: Date,
  ): Promise<InboundResult | undefined> {
    const { knex, inbound } = this.deps;
    const earlier = await this.signatures.claim(knex, { reportId: report.id, inboundId: id, digests }, now);
    if (earlier === undefined) return undefined;
    if ((await inbound.find(earlier))?.outcome === 'applied') {
      await inbound.settle(knex, id, { ...settled, outcome: 'applied', detail: 'replayed' }, now);
      return { outcome: 'duplicate', reportRef: report.ref };
    }
    await inbound.settle(knex, id, { ...settled, outcome: 'held', detail: `replayed: ${earlier}` }, now);
    return { outcome: 'held', reportRef: report.ref };
  }
}
