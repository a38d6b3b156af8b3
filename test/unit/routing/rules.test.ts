import assert from 'node:assert/strict';
import { chooseRecipients, privateRecipients, type RoutingRule } from '../../../src/routing/rules.js';

const rule = (scope: Partial<Omit<RoutingRule, 'contactId'>>, contactId: number): RoutingRule => ({
  parishCode: null,
  apvienibaCode: null,
  categoryCode: null,
  ...scope,
  contactId,
});

const target = { parishCode: 'kaunatas', apvienibaCode: 'kaunatas', categoryCode: 'roads' };

describe('routing', () => {
  const rules = [
    rule({}, 1),
    rule({ categoryCode: 'roads' }, 2),
    rule({ apvienibaCode: 'kaunatas' }, 3),
    rule({ apvienibaCode: 'kaunatas', categoryCode: 'roads' }, 4),
    rule({ parishCode: 'kaunatas' }, 5),
    rule({ parishCode: 'kaunatas' }, 6),
    rule({ parishCode: 'kaunatas', categoryCode: 'roads' }, 7),
  ];

  it('sends to every contact of the most specific scope: parish and category first', () => {
    assert.deepEqual(chooseRecipients(rules, target), [7]);
  });

  it('falls back to the parish, then the apvienība with the category, then the apvienība', () => {
    const withoutParishCategory = rules.filter((r) => r.contactId !== 7);
    assert.deepEqual(chooseRecipients(withoutParishCategory, target), [5, 6]);
    const withoutParish = withoutParishCategory.filter((r) => r.parishCode === null);
    assert.deepEqual(chooseRecipients(withoutParish, target), [4]);
    assert.deepEqual(
      chooseRecipients(
        withoutParish.filter((r) => r.contactId !== 4),
        target,
      ),
      [3],
    );
  });

  it('falls back to a novads-wide rule for the category, then the novads-wide default', () => {
    assert.deepEqual(chooseRecipients([rule({}, 1), rule({ categoryCode: 'roads' }, 2)], target), [2]);
    assert.deepEqual(chooseRecipients([rule({}, 1)], target), [1]);
  });

  it('ignores rules of other parishes, apvienības and categories', () => {
    const others = [
      rule({}, 1),
      rule({ parishCode: 'maltas' }, 8),
      rule({ categoryCode: 'waste' }, 9),
      rule({ apvienibaCode: 'maltas' }, 10),
    ];
    assert.deepEqual(chooseRecipients(others, target), [1]);
  });

  it('names a contact once even when two rules of the same scope name it', () => {
    assert.deepEqual(
      chooseRecipients([rule({ parishCode: 'kaunatas' }, 5), rule({ parishCode: 'kaunatas' }, 5)], target),
      [5],
    );
  });

  it('returns nobody only when the table has no default at all', () => {
    assert.deepEqual(chooseRecipients([rule({ parishCode: 'maltas' }, 8)], target), []);
  });

  describe('of a private report', () => {
    const roles = new Map([
      [1, 'municipality'],
      [5, 'parish_admin'],
      [6, 'social_worker'],
      [9, 'parish_admin'],
    ]);
    const roleOf = (id: number) => roles.get(id);

    it('keeps only the social worker and the municipality among those chosen', () => {
      assert.deepEqual(privateRecipients(rules, [5, 6], roleOf), [6]);
    });

    it('takes the novads default’s readers when the chosen hold none; nobody only when no rule names one', () => {
      assert.deepEqual(privateRecipients(rules, [5], roleOf), [1]);
      assert.deepEqual(privateRecipients([rule({}, 9)], [9], roleOf), []);
    });
  });
});
