import assert from 'node:assert/strict';
import { rankOffers } from '../../../src/help/matching/rank.js';
import type { HelpOffer } from '../../../src/help/types.js';

const offer = (id: number, over: Partial<HelpOffer>): HelpOffer => ({
  id,
  status: 'active',
  offeredBy: 'individual',
  name: `V${id}`,
  listed: false,
  email: `v${id}@example.org`,
  phone: null,
  shareEmail: true,
  sharePhone: false,
  kinds: ['transport'],
  parishes: ['kaunatas'],
  days: [],
  times: '',
  askMe: false,
  speaks: ['lv'],
  about: '',
  capacity: 1,
  language: 'lv',
  createdAt: new Date(0),
  confirmedAt: new Date(0),
  pausedAt: null,
  withdrawnAt: null,
  checkedAt: null,
  checkSentAt: null,
  ...over,
});

describe('ranking offers for a request', () => {
  const request = {
    kinds: ['transport', 'shopping'] as const,
    days: ['sat'] as const,
    speaks: ['ru'] as const,
  };
  const rank = (offers: HelpOffer[], helping = new Map<number, number>()) =>
    rankOffers(
      { kinds: [...request.kinds], days: [...request.days], speaks: [...request.speaks] },
      offers,
      helping,
    );

  it('puts offers of the help asked for first, more kinds before fewer, and says why', () => {
    const ranked = rank([
      offer(1, { kinds: ['company'] }),
      offer(2, { kinds: ['transport'] }),
      offer(3, { kinds: ['transport', 'shopping'] }),
    ]);
    assert.deepEqual(
      ranked.map((one) => [one.offer.id, one.fits]),
      [
        [3, true],
        [2, true],
        [1, false],
      ],
    );
    assert.deepEqual(ranked[0]!.reasons[0], { code: 'kinds', kinds: ['transport', 'shopping'] });
    assert.deepEqual(ranked[2]!.reasons[0], { code: 'no_kind' });
  });

  it('prefers the day and the language asked for, and "ask me" over a day that does not fit', () => {
    const ranked = rank([
      offer(1, { days: ['mon'] }),
      offer(2, { days: ['mon'], askMe: true }),
      offer(3, { days: ['sat'], speaks: ['ru', 'lv'] }),
    ]);
    assert.deepEqual(
      ranked.map((one) => one.offer.id),
      [3, 2, 1],
    );
    assert.ok(ranked[0]!.reasons.some((reason) => reason.code === 'speaks'));
    assert.ok(ranked[1]!.reasons.some((reason) => reason.code === 'ask_me'));
    assert.ok(ranked[2]!.reasons.some((reason) => reason.code === 'no_day'));
  });

  it('puts a volunteer who already helps as many as they can after one who is free', () => {
    const ranked = rank([offer(1, {}), offer(2, {})], new Map([[1, 1]]));
    assert.deepEqual(
      ranked.map((one) => one.offer.id),
      [2, 1],
    );
    assert.deepEqual(ranked[1]!.reasons.at(-1), { code: 'full', helping: 1, capacity: 1 });
    assert.deepEqual(ranked[0]!.reasons.at(-1), { code: 'load', helping: 0, capacity: 1 });
  });

  it('holds nothing against an offer when the request names no day or language', () => {
    const [only] = rankOffers(
      { kinds: ['transport'], days: [], speaks: [] },
      [offer(1, { askMe: true })],
      new Map(),
    );
    assert.deepEqual(
      only!.reasons.map((reason) => reason.code),
      ['kinds', 'ask_me', 'load'],
    );
  });
});
