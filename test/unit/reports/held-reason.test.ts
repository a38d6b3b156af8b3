import assert from 'node:assert/strict';
import type { i18n as I18n } from 'i18next';
import { createI18n, LANGUAGES, type Translate } from '../../../src/i18n/index.js';
import {
  HELD_REASON_KEYS,
  heldReasonInWords,
  heldReasonText,
  readHeldReason,
} from '../../../src/reports/held-reason.js';

/** Flattens a catalog's branch to its keys under `prefix`. */
function keysUnder(node: unknown, prefix: string): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keysUnder(value, `${prefix}.${key}`));
}

/** Why a report is held: kept in Tilts's words, said in the reader's, each reason with its words. */
describe('a held report’s reason', () => {
  let i18n: I18n;

  before(async () => {
    i18n = await createI18n();
  });

  it('is read back as it was written, for every kind of ban', () => {
    for (const kind of ['address', 'domain'] as const) {
      const reason = { code: 'ban' as const, ban: { id: 12, kind, value: 'spam@example.lv' } };
      assert.deepEqual(readHeldReason(heldReasonText(reason)), reason);
    }
    // As reports held before kept it, to the letter.
    assert.equal(
      heldReasonText({ code: 'ban', ban: { id: 3, kind: 'domain', value: 'spam.example' } }),
      'ban #3: domain spam.example',
    );
  });

  it('has words in every language for every reason, and the catalog no others', () => {
    for (const language of LANGUAGES)
      for (const key of HELD_REASON_KEYS)
        assert.ok(i18n.exists(key, { lng: language }), `${key} in ${language}`);
    for (const language of LANGUAGES) {
      const branch = i18n.getResource(language, 'translation', 'staff.heldReasons') as unknown;
      assert.deepEqual(keysUnder(branch, 'staff.heldReasons').sort(), [...HELD_REASON_KEYS].sort(), language);
    }
  });

  it('is said in the reader’s words, never as Tilts wrote it', () => {
    const said = (language: string, text: string) =>
      heldReasonInWords(text, i18n.getFixedT(language) as Translate);
    assert.equal(
      said('en', 'ban #12: address spam@example.lv'),
      'the sender’s address spam@example.lv is banned (ban no. 12)',
    );
    assert.equal(
      said('lv', 'ban #3: domain spam.example'),
      'sūtītāja domēns spam.example ir bloķēts (bloķējums nr. 3)',
    );
    assert.equal(
      said('ru', 'ban #3: domain spam.example'),
      'домен отправителя spam.example заблокирован (блокировка № 3)',
    );
    // Text that is no known reason is shown as it was written, never an error.
    assert.equal(said('en', 'something else'), 'something else');
    assert.equal(said('en', ''), '');
  });
});
