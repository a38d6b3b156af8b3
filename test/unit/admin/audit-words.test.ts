import assert from 'node:assert/strict';
import { actionKey, auditChanges, changesOf, valueInWords } from '../../../src/admin/audit/words.js';
import { createI18n, type Translate } from '../../../src/i18n/index.js';

describe('the audit log in words', () => {
  let en: Translate;
  let lv: Translate;

  before(async () => {
    const i18n = await createI18n();
    en = i18n.getFixedT('en') as Translate;
    lv = i18n.getFixedT('lv') as Translate;
  });

  it('names every action code the log holds, in each language, and shows an unknown one as it is', () => {
    for (const code of [
      'category.update',
      'routing-rule.remove',
      'help.request.erase',
      'sign-out',
      'moderation.ban',
    ]) {
      const name = en(actionKey(code), { defaultValue: '' });
      assert.ok(name && name !== code, code);
      assert.notEqual(lv(actionKey(code), { defaultValue: '' }), name, `${code} in Latvian`);
    }
    assert.equal(en(actionKey('something.new'), { defaultValue: 'something.new' }), 'something.new');
  });

  it('lists only what changed; all of it for a creation or a removal', () => {
    assert.deepEqual(changesOf({ a: 1, b: 'x' }, { a: 2, b: 'x' }), [{ field: 'a', before: 1, after: 2 }]);
    assert.deepEqual(changesOf(null, { a: 1 }), [{ field: 'a', before: undefined, after: 1 }]);
    assert.deepEqual(changesOf({ a: [1, 2] }, null), [{ field: 'a', before: [1, 2], after: undefined }]);
    assert.deepEqual(changesOf({ names: { lv: 'A' } }, { names: { lv: 'A' } }), []);
    assert.deepEqual(
      changesOf('x', 'y'),
      [{ field: '', before: 'x', after: 'y' }],
      'not objects: one change',
    );
    assert.deepEqual(changesOf(null, null), []);
  });

  it('says values in words: yes and no, known codes, lists; anything else as JSON, never an error', () => {
    assert.equal(valueInWords(true, 'active', en), 'yes');
    assert.equal(valueInWords(false, 'active', lv), 'nē');
    assert.equal(valueInWords('in_progress', 'status', en), 'In progress');
    assert.equal(valueInWords('social_worker', 'role', en), 'Social worker');
    assert.equal(
      valueInWords(['transport', 'shopping'], 'kinds', en),
      'Transport (lifts to town and back), Shopping and pharmacy',
    );
    assert.equal(valueInWords('Kaunata, Ezera iela 3', 'location', en), 'Kaunata, Ezera iela 3');
    assert.equal(valueInWords('unknown_code', 'status', en), 'unknown_code');
    assert.equal(valueInWords({ lv: 'Ceļi', en: 'Roads' }, 'names', en), '{"lv":"Ceļi","en":"Roads"}');
    assert.equal(valueInWords(null, 'status', en), null);
    assert.equal(valueInWords(7, 'targetDays', en), '7');
    // Words that read like a code are named only in a field that holds codes: a log shows what was written.
    assert.equal(valueInWords('duplicate', 'reason', en), 'duplicate');
    assert.equal(valueInWords('open', 'label', en), 'open');
    assert.equal(valueInWords('duplicate', 'closeReason', en), 'Duplicate');
    // A field named like an Object method is a field like any other, never a catalog to look in.
    assert.equal(valueInWords('open', 'toString', en), 'open');
    assert.equal(valueInWords('open', 'constructor', en), 'open');
  });

  it('names known fields and keeps unknown ones', () => {
    assert.deepEqual(auditChanges({ targetDays: 10, mystery: 1 }, { targetDays: 7, mystery: 2 }, en), [
      { field: 'Target working days', before: '10', after: '7' },
      { field: 'mystery', before: '1', after: '2' },
    ]);
  });
});
