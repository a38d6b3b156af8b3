import assert from 'node:assert/strict';
import type { i18n as I18n } from 'i18next';
import { CODE_WORDS, FIELD_CODES } from '../../../src/admin/audit/codes.js';
import {
  actionKey,
  auditChanges,
  changesOf,
  fieldInWords,
  objectTypeInWords,
  valueInWords,
  type AuditNames,
  type AuditReader,
} from '../../../src/admin/audit/words.js';
import { AUDIT_ACTIONS, AUDIT_FIELDS, AUDIT_OBJECT_TYPES } from '../../../src/audit/fields.js';
import { createI18n, LANGUAGES, type Language, type Translate } from '../../../src/i18n/index.js';

/** Names the log refers to by code or id, as the audit page reads them from the database. */
const NAMES: AuditNames = {
  category: (code) => ({ roads: 'Roads' })[code],
  parish: (code) => ({ kaunatas: 'Kaunata parish' })[code],
  apvieniba: (code) => ({ rezekne: 'Rēzekne' })[code],
  staff: (id) => (id === 7 ? 'Anna Bērziņa' : undefined),
  contact: (idOrCode) =>
    idOrCode === 3 || idOrCode === 'kaunatas-admin' ? 'Kaunatas pagasta pārvalde' : undefined,
};

describe('the audit log in words', () => {
  let i18n: I18n;
  let en: AuditReader;
  let lv: AuditReader;
  const reader = (language: Language): AuditReader => ({
    t: i18n.getFixedT(language) as Translate,
    language,
    names: NAMES,
  });

  before(async () => {
    i18n = await createI18n();
    en = reader('en');
    lv = reader('lv');
  });

  it('names every action code the log holds, in each language, and shows an unknown one as it is', () => {
    for (const code of AUDIT_ACTIONS) {
      for (const language of LANGUAGES)
        assert.ok(i18n.exists(actionKey(code), { lng: language }), `${code} in ${language}`);
      assert.notEqual(lv.t(actionKey(code)), en.t(actionKey(code)), `${code} in Latvian`);
    }
    assert.equal(en.t(actionKey('something.new'), { defaultValue: 'something.new' }), 'something.new');
  });

  it('names every field an entry may hold and every kind of object, in each language, and nothing else', () => {
    for (const language of LANGUAGES) {
      const t = reader(language).t;
      for (const field of AUDIT_FIELDS) {
        assert.ok(
          i18n.exists(`admin.audit.changeFields.${field}`, { lng: language }),
          `${field} in ${language}`,
        );
        assert.notEqual(fieldInWords(field, t), field, `${field} in ${language}`);
      }
      for (const type of AUDIT_OBJECT_TYPES) {
        assert.ok(
          i18n.exists(`admin.audit.objectTypes.${type}`, { lng: language }),
          `${type} in ${language}`,
        );
        assert.notEqual(objectTypeInWords(type, t), type, `${type} in ${language}`);
      }
    }
    // The catalog names what is written, no more: a field it names that nothing writes is a mistake.
    const catalog = i18n.getResource('lv', 'translation', 'admin.audit.changeFields') as Record<
      string,
      string
    >;
    assert.deepEqual(Object.keys(catalog).sort(), [...AUDIT_FIELDS].sort());
  });

  it('says every code a field may hold in words, in each language', () => {
    for (const [name, words] of Object.entries(CODE_WORDS))
      for (const code of words.codes)
        for (const language of LANGUAGES)
          assert.ok(i18n.exists(words.key(code), { lng: language }), `${name} ${code} in ${language}`);
    for (const [key, set] of FIELD_CODES) {
      const [type, field] = key.includes(':') ? key.split(':') : ['', key];
      assert.ok((AUDIT_FIELDS as readonly string[]).includes(field!), `${key} is a field the log holds`);
      if (type) assert.ok((AUDIT_OBJECT_TYPES as readonly string[]).includes(type), `${key}'s type`);
      // Said by the catalog's words, which may be the code's own letters ("sent", "held" in English).
      for (const code of CODE_WORDS[set].codes)
        for (const language of LANGUAGES) {
          const said = reader(language).t(CODE_WORDS[set].key(code));
          assert.equal(
            valueInWords(code, field!, reader(language), type),
            said,
            `${key} ${code} ${language}`,
          );
        }
    }
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
    assert.equal(valueInWords(null, 'status', en), null);
    assert.equal(valueInWords(7, 'targetDays', en), '7');
    // Words that read like a code are named only in a field that holds codes: a log shows what was written.
    assert.equal(valueInWords('duplicate', 'reason', en), 'duplicate');
    assert.equal(valueInWords('open', 'label', en), 'open');
    assert.equal(valueInWords('duplicate', 'closeReason', en), 'Duplicate');
    // A field named like an Object method is a field like any other, never a catalog to look in.
    assert.equal(valueInWords('open', 'toString', en), 'open');
    assert.equal(valueInWords('open', 'constructor', en), 'open');
    assert.equal(valueInWords({ a: 1 }, 'mystery', en), '{"a":1}');
    // Why a report was held, kept in Tilts's words, in the reader's; anything else as written.
    assert.equal(
      valueInWords('ban #3: address spam@example.lv', 'held', en),
      'the sender’s address spam@example.lv is banned (ban no. 3)',
    );
    assert.equal(
      valueInWords('ban #3: domain spam.example', 'held', lv),
      'sūtītāja domēns spam.example ir bloķēts (bloķējums nr. 3)',
    );
    assert.equal(valueInWords('by hand', 'held', en), 'by hand');
  });

  it('says what one name means for each kind of object: a help offer’s status is not a report’s', () => {
    assert.equal(valueInWords('withdrawn', 'status', en, 'help_offer'), 'Withdrawn');
    assert.equal(valueInWords('dead', 'status', en, 'outbox'), 'failed');
    assert.equal(valueInWords('parish_admin', 'role', en, 'contact'), 'Parish administration');
    assert.equal(valueInWords('domain', 'kind', en, 'banned_sender'), 'Domain');
    assert.equal(valueInWords('help', 'kind', en, 'category'), 'Help for a person');
    assert.equal(valueInWords('kept', 'outcome', en, 'abuse_report'), 'kept as it is');
    assert.equal(valueInWords('dropped', 'outcome', en, 'inbound'), 'dropped');
  });

  it('says a thing by its name, a moment in Riga time, and a category’s names one per language', () => {
    assert.equal(valueInWords('roads', 'category', en), 'Roads');
    assert.equal(valueInWords('roads', 'categoryCode', en), 'Roads');
    assert.equal(valueInWords('kaunatas', 'parish', en), 'Kaunata parish');
    assert.equal(valueInWords('rezekne', 'apvienibaCode', en), 'Rēzekne');
    assert.equal(valueInWords(7, 'assignedStaffId', en), 'Anna Bērziņa');
    assert.equal(valueInWords(3, 'contactId', en), 'Kaunatas pagasta pārvalde');
    assert.equal(valueInWords(['kaunatas-admin', 'gone'], 'contacts', en), 'Kaunatas pagasta pārvalde, gone');
    assert.equal(valueInWords([], 'contacts', en), '—', 'none, not an empty line');
    // One no longer known is shown as written.
    assert.equal(valueInWords('old-category', 'category', en), 'old-category');
    assert.equal(valueInWords(99, 'assignedStaffId', en), '99');
    assert.equal(valueInWords('2026-12-01T08:59:00.000Z', 'hiddenAt', en), '1 Dec 2026, 10:59:00');
    assert.equal(valueInWords('not a date', 'hiddenAt', en), 'not a date');
    assert.equal(valueInWords('update:12', 'about', en), 'update no. 12');
    assert.equal(valueInWords('report', 'about', lv), 'pats ziņojums');
    assert.equal(
      valueInWords({ lv: 'Ceļi', en: 'Roads', ru: 'Дороги' }, 'names', en),
      'Latviešu: Ceļi; English: Roads; Русский: Дороги',
    );
  });

  it('names known fields and keeps unknown ones', () => {
    assert.deepEqual(auditChanges({ targetDays: 10, mystery: 1 }, { targetDays: 7, mystery: 2 }, en), [
      { field: 'Target working days', before: '10', after: '7' },
      { field: 'mystery', before: '1', after: '2' },
    ]);
    assert.deepEqual(auditChanges(null, { publicText: true, hasEmail: false, source: 'phone' }, en), [
      { field: 'Public answer written', before: null, after: 'yes' },
      { field: 'Email given', before: null, after: 'no' },
      { field: 'How it was received', before: null, after: 'taken by phone' },
    ]);
  });
});
