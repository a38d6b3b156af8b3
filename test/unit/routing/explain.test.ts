import assert from 'node:assert/strict';
import {
  SCOPES,
  chooseRecipients,
  explainRecipients,
  scopeOf,
  type RoutingRule,
} from '../../../src/routing/rules.js';

const rule = (scope: Partial<Omit<RoutingRule, 'contactId'>>, contactId: number): RoutingRule => ({
  parishCode: null,
  apvienibaCode: null,
  categoryCode: null,
  ...scope,
  contactId,
});

const target = { parishCode: 'kaunatas', apvienibaCode: 'kaunatas', categoryCode: 'roads' };

describe('explaining a routing decision', () => {
  it('names the scope of every kind of rule, most specific first', () => {
    const scopes = [
      rule({ parishCode: 'p', categoryCode: 'c' }, 1),
      rule({ parishCode: 'p' }, 1),
      rule({ apvienibaCode: 'a', categoryCode: 'c' }, 1),
      rule({ apvienibaCode: 'a' }, 1),
      rule({ categoryCode: 'c' }, 1),
      rule({}, 1),
    ].map(scopeOf);
    assert.deepEqual(scopes, [...SCOPES]);
  });

  it('says which scope decided, which rules of it, and which matching rules it outranked', () => {
    const rules = [
      rule({}, 1),
      rule({ parishCode: 'kaunatas' }, 5),
      rule({ parishCode: 'kaunatas' }, 6),
      rule({ parishCode: 'maltas' }, 8),
      rule({ categoryCode: 'waste' }, 9),
    ];
    const explained = explainRecipients(rules, target);
    assert.equal(explained.scope, 'parish');
    assert.deepEqual(explained.contactIds, [5, 6]);
    assert.deepEqual(
      explained.deciding.map((r) => r.contactId),
      [5, 6],
    );
    assert.deepEqual(
      explained.outranked.map((r) => r.contactId),
      [1],
      'the novads default matched but lost; other places and categories never matched',
    );
  });

  it('keeps extra fields of the rules it is given (the admin page shows their ids)', () => {
    const rules = [{ ...rule({ categoryCode: 'roads' }, 2), id: 42 }];
    assert.equal(explainRecipients(rules, target).deciding[0]!.id, 42);
  });

  it('has no scope when nothing matches', () => {
    assert.deepEqual(explainRecipients([rule({ parishCode: 'maltas' }, 8)], target), {
      contactIds: [],
      scope: null,
      deciding: [],
      outranked: [],
    });
  });

  it('always answers exactly what chooseRecipients answers', () => {
    // Every table of up to 40 rules drawn from a small world, with a fixed seed.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pick = <T>(values: readonly T[]) => values[random(values.length)]!;
    for (let round = 0; round < 500; round += 1) {
      const rules = Array.from({ length: random(40) }, () => {
        const place = random(3);
        return rule(
          {
            parishCode: place === 1 ? pick(['kaunatas', 'maltas']) : null,
            apvienibaCode: place === 2 ? pick(['kaunatas', 'maltas']) : null,
            categoryCode: pick([null, 'roads', 'waste']),
          },
          1 + random(9),
        );
      });
      const explained = explainRecipients(rules, target);
      assert.deepEqual(explained.contactIds, chooseRecipients(rules, target));
      assert.deepEqual(
        [...new Set(explained.deciding.map((r) => r.contactId))],
        explained.contactIds,
        'the deciding rules name exactly the recipients, in the same order',
      );
    }
  });
});
