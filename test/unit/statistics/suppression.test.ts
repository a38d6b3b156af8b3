import assert from 'node:assert/strict';
import { suppress, sumIsSafe, type Label, type Sum } from '../../../src/statistics/suppression.js';

const map = (entries: Record<string, number>) => new Map(Object.entries(entries));
const labelsOf = (labels: Map<string, Label>) => Object.fromEntries(labels);

/** An apvienība `A` with parishes p1…pn. */
function apvieniba(total: number, parts: number[]) {
  const values = map({
    A: total,
    ...Object.fromEntries(parts.map((value, index) => [`p${index + 1}`, value])),
  });
  const sums: Sum[] = [{ total: 'A', parts: parts.map((_, index) => `p${index + 1}`) }];
  return { values, sums };
}

describe('statistics: hiding small numbers and the totals that would give them away', () => {
  it('shows 0 and numbers of 5 or more, and "fewer than 5" for 1 to 4', () => {
    const labels = suppress(map({ a: 0, b: 1, c: 4, d: 5, e: 120 }), []);
    assert.deepEqual(labelsOf(labels), { a: 'shown', b: 'fewer', c: 'fewer', d: 'shown', e: 'shown' });
  });

  it('hides a second parish when one is hidden and the total would give it away', () => {
    // 18 − 0 − 7 − 9 = 2: shown as it is, the total tells Kaunata's 2. The smallest other number of
    // 5 or more (the 7) goes too: now 2 + 7 could be 1 + 8 up to 4 + 5.
    const { values, sums } = apvieniba(18, [2, 0, 7, 9]);
    const labels = suppress(values, sums);
    assert.deepEqual(labelsOf(labels), { A: 'shown', p1: 'fewer', p2: 'shown', p3: 'withheld', p4: 'shown' });
    assert.ok(sumIsSafe(sums[0]!, values, labels));
  });

  it('never hides a 0 to protect another number: it would protect nothing', () => {
    const { values, sums } = apvieniba(15, [3, 0, 12]);
    assert.deepEqual(labelsOf(suppress(values, sums)), {
      A: 'shown',
      p1: 'fewer',
      p2: 'shown',
      p3: 'withheld',
    });
  });

  it('does not stop at two hidden parishes whose sum still tells both', () => {
    // 2 + 3 under a total of 23 with 18 shown: 1 + 4, 2 + 3, 3 + 2 or 4 + 1. Enough.
    const mixed = apvieniba(23, [2, 3, 18]);
    assert.deepEqual(labelsOf(suppress(mixed.values, mixed.sums)), {
      A: 'shown',
      p1: 'fewer',
      p2: 'fewer',
      p3: 'shown',
    });
    // 1 + 1 = 2 and 4 + 4 = 8 can each be made only one way: the other parish is hidden too.
    for (const [total, small] of [
      [20, 1],
      [18, 4],
    ] as const) {
      const { values, sums } = apvieniba(total, [small, small, total - 2 * small]);
      assert.deepEqual(labelsOf(suppress(values, sums)), {
        A: 'shown',
        p1: 'fewer',
        p2: 'fewer',
        p3: 'withheld',
      });
    }
  });

  it('hides the total when nothing else is left to hide', () => {
    // Only one parish has reports: the total is the parish's own number, and is small itself.
    const { values, sums } = apvieniba(3, [3, 0]);
    assert.deepEqual(labelsOf(suppress(values, sums)), { A: 'fewer', p1: 'fewer', p2: 'shown' });
    // Two parishes of 4 each: a total of 8 would tell both.
    const both = apvieniba(8, [4, 4]);
    assert.deepEqual(labelsOf(suppress(both.values, both.sums)), { A: 'withheld', p1: 'fewer', p2: 'fewer' });
  });

  it('publishes no part of a sum whose labels alone would tell it: four months of 1 under a total of 4', () => {
    const { values, sums } = apvieniba(4, [1, 1, 1, 1, 0]);
    const labels = suppress(values, sums);
    assert.equal(labels.get('A'), 'fewer');
    assert.equal(labels.get('p1'), 'unpublished');
    assert.deepEqual(
      [labels.get('p2'), labels.get('p3'), labels.get('p4'), labels.get('p5')],
      ['fewer', 'fewer', 'fewer', 'shown'],
    );
    assert.ok(sumIsSafe(sums[0]!, values, labels));
  });

  it('carries a hidden total up: the novads then protects the apvienība', () => {
    const values = map({ N: 108, A: 8, B: 100, a1: 4, a2: 4, b1: 50, b2: 50 });
    const sums: Sum[] = [
      { total: 'N', parts: ['A', 'B'] },
      { total: 'A', parts: ['a1', 'a2'] },
      { total: 'B', parts: ['b1', 'b2'] },
    ];
    const labels = suppress(values, sums);
    // A is hidden to protect a1 and a2; N − B would give A back, so B goes, and then one of B's parishes.
    assert.equal(labels.get('A'), 'withheld');
    assert.equal(labels.get('B'), 'withheld');
    assert.equal(labels.get('b1'), 'withheld');
    for (const sum of sums) assert.ok(sumIsSafe(sum, values, labels), JSON.stringify(sum));
  });

  it('leaves every sum safe on a larger mixed table, months and places together', () => {
    // Two places by three months, with the places' totals and each month's total.
    const values = map({
      T: 40,
      P: 13,
      Q: 27,
      m1: 9,
      m2: 4,
      m3: 27,
      p1: 6,
      p2: 3,
      p3: 4,
      q1: 3,
      q2: 1,
      q3: 23,
    });
    const sums: Sum[] = [
      { total: 'T', parts: ['P', 'Q'] },
      { total: 'P', parts: ['p1', 'p2', 'p3'] },
      { total: 'Q', parts: ['q1', 'q2', 'q3'] },
      { total: 'm1', parts: ['p1', 'q1'] },
      { total: 'm2', parts: ['p2', 'q2'] },
      { total: 'm3', parts: ['p3', 'q3'] },
      { total: 'T', parts: ['m1', 'm2', 'm3'] },
    ];
    const labels = suppress(values, sums);
    for (const sum of sums) assert.ok(sumIsSafe(sum, values, labels), JSON.stringify(sum));
    for (const id of ['p2', 'p3', 'q1', 'q2', 'm2']) assert.notEqual(labels.get(id), 'shown', id);
  });

  it('leaves every sum safe on many random tables shaped like the statistics (places by months)', () => {
    // A small linear congruential generator: the same tables every run.
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let table = 0; table < 200; table += 1) {
      const values = new Map<string, number>();
      const sums: Sum[] = [];
      const groups = 2 + Math.floor(random() * 3);
      const members = 1 + Math.floor(random() * 4);
      const months = 1 + Math.floor(random() * 4);
      const place = (g: number, p: number) => `p${g}.${p}`;
      for (let g = 0; g < groups; g += 1)
        for (let p = 0; p < members; p += 1)
          for (let m = 0; m < months; m += 1)
            values.set(`${place(g, p)}@${m}`, random() < 0.4 ? 0 : Math.floor(random() * 9));
      const total = (ids: string[]) => ids.reduce((sum, id) => sum + values.get(id)!, 0);
      const cell = (id: string, parts: string[]) => {
        values.set(id, total(parts));
        sums.push({ total: id, parts });
      };
      for (const m of [...Array(months).keys()].map((m) => `@${m}`).concat([''])) {
        for (let g = 0; g < groups; g += 1) {
          const parts = [...Array(members).keys()].map((p) => `${place(g, p)}${m}`);
          if (m === '')
            for (const part of parts)
              cell(
                part,
                [...Array(months).keys()].map((k) => `${part}@${k}`),
              );
          cell(`g${g}${m}`, parts);
        }
        cell(
          `all${m}`,
          [...Array(groups).keys()].map((g) => `g${g}${m}`),
        );
      }
      for (let g = 0; g < groups; g += 1)
        sums.push({ total: `g${g}`, parts: [...Array(months).keys()].map((k) => `g${g}@${k}`) });
      sums.push({ total: 'all', parts: [...Array(months).keys()].map((k) => `all@${k}`) });
      const labels = suppress(values, sums);
      for (const sum of sums)
        assert.ok(sumIsSafe(sum, values, labels), `table ${table}: ${JSON.stringify(sum)}`);
      for (const [id, value] of values) {
        if (value > 0 && value < 5)
          assert.notEqual(labels.get(id), 'shown', `table ${table}: ${id} = ${value}`);
        if (value === 0) assert.equal(labels.get(id), 'shown', `table ${table}: ${id} = 0`);
      }
    }
  });

  it('judges one sum by what its labels let a reader know', () => {
    const sum: Sum = { total: 'A', parts: ['x', 'y'] };
    const values = map({ A: 10, x: 2, y: 8 });
    assert.equal(sumIsSafe(sum, values, new Map([['x', 'fewer']])), false);
    assert.equal(
      sumIsSafe(
        sum,
        values,
        new Map<string, Label>([
          ['x', 'fewer'],
          ['y', 'withheld'],
        ]),
      ),
      true,
    );
  });
});
