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
    // The language comes first among the reasons, as it does in the order; the help next.
    assert.deepEqual(ranked[0]!.reasons[1], { code: 'kinds', kinds: ['transport', 'shopping'] });
    assert.deepEqual(ranked[2]!.reasons[1], { code: 'no_kind' });
  });

  it('puts every offer in a language the person speaks before any in none, whatever help it offers', () => {
    // A Russian-speaking pensioner: the Latvian-only volunteer offers both kinds asked for, is free on
    // the day and helps nobody yet; the Russian-speaking one offers another kind of help and is busy.
    const ranked = rank(
      [
        offer(1, { kinds: ['transport', 'shopping'], days: ['sat'], speaks: ['lv'], capacity: 3 }),
        offer(2, { kinds: ['company'], days: ['mon'], speaks: ['ru'] }),
        offer(3, { kinds: ['transport'], days: ['mon'], speaks: ['lv', 'ru'], capacity: 2 }),
      ],
      new Map([[2, 1]]),
    );
    assert.deepEqual(
      ranked.map((one) => [one.offer.id, one.speaks, one.fits]),
      [
        [3, true, true],
        [2, true, false],
        [1, false, true],
      ],
    );
    assert.deepEqual(ranked[0]!.reasons[0], { code: 'speaks', speaks: ['ru'] });
    assert.deepEqual(ranked[2]!.reasons[0], { code: 'no_language' });
  });

  it('then the help asked for before the days and how busy a volunteer is', () => {
    const ranked = rank(
      [
        offer(1, { kinds: ['company'], days: ['sat'], speaks: ['ru'] }),
        offer(2, { kinds: ['shopping'], days: ['mon'], speaks: ['ru'], capacity: 2 }),
      ],
      new Map([[2, 1]]),
    );
    assert.deepEqual(
      ranked.map((one) => one.offer.id),
      [2, 1],
    );
  });

  it('holds no language against an offer when the request names none', () => {
    const ranked = rankOffers(
      { kinds: ['transport'], days: [], speaks: [] },
      [offer(1, { kinds: ['company'], speaks: ['ru'] }), offer(2, { speaks: ['lv'] })],
      new Map(),
    );
    assert.deepEqual(
      ranked.map((one) => [one.offer.id, one.speaks]),
      [
        [2, true],
        [1, true],
      ],
    );
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
