import assert from 'node:assert/strict';
import type { i18n } from 'i18next';
import { LANGUAGES, createI18n } from '../../../src/i18n/index.js';
import { senderProver, type ProofInput } from '../../../src/inbound/sender-proof.js';
import { PROOF, heldDetailWords, proofWords } from '../../../src/mail/inbound/held-words.js';

const input = (over: Partial<ProofInput> = {}): ProofInput => ({
  raw: Buffer.from(''),
  from: 'clerk@example.org',
  authenticationResults: [],
  ...over,
});

describe('why a reply was held, in the reader’s language', () => {
  let instance: i18n;
  before(async () => {
    instance = await createI18n();
  });

  /** Every language has words for it, and none is the check's own English or a bare key. */
  function said(words: { key: string; params?: Record<string, string | number> }) {
    return LANGUAGES.map((language) => {
      const text = instance.getFixedT(language)(words.key, words.params);
      assert.notEqual(text, words.key, `${language}: ${words.key} is missing`);
      return text;
    });
  }

  it('says each finding of the sender check in words, in every language', async () => {
    const header = senderProver({ mode: 'header', authservId: 'mx.example.org' });
    const findings = [
      (await senderProver({ mode: 'none' })(input())).summary,
      (await header(input({ fromCount: 2 }))).summary,
      (await header(input({ fromCount: 0 }))).summary,
      (await header(input())).summary,
      (await header(input({ authenticationResults: ['mx.example.org; none'] }))).summary,
      (await header(input({ authenticationResults: ['mx.example.org; dkim=fail header.d=evil.example'] })))
        .summary,
    ];
    const texts = findings.map((summary) => {
      const words = proofWords(summary);
      assert.ok(words, `no words for "${summary}"`);
      return said(words);
    });
    assert.deepEqual(
      texts.map(([lv]) => lv),
      [
        'nav pārbaudīts: šis serveris tic katrai sūtītāja adresei (INBOUND_AUTH=none, tikai izstrādei)',
        'sūtītāja (From) galvenē ir 2 adreses, tāpēc tā nepierāda nevienu no tām',
        'sūtītāja (From) galvenes nav, tā ir vairākkārt vai nav nolasāma',
        'pasta serveris mx.example.org nepievienoja savu pārbaužu rezultātus (Authentication-Results)',
        'pasta serveris mx.example.org neatrada neko, ko pārbaudīt',
        'pārbaužu rezultāti: mx.example.org: dkim=fail',
      ],
    );
    assert.equal(
      texts[1]![2],
      'в заголовке отправителя (From) 2 адреса, поэтому он не подтверждает ни один из них',
    );
    assert.equal(
      said(proofWords('from.count=5')!)[2],
      'в заголовке отправителя (From) 5 адресов, поэтому он не подтверждает ни один из них',
    );
    assert.deepEqual(said(proofWords(PROOF.notAddressed)!), [
      'e-pasta adresātu (To, Cc) vidū nav šī ziņojuma atbildes adreses, tāpēc tā paraksts nepierāda, ka tas rakstīts par šo ziņojumu',
      'the email’s To and Cc do not name this report’s reply address, so its signature does not prove it was written about this report',
      'среди адресатов письма (To, Cc) нет адреса ответа этого сообщения, поэтому его подпись не подтверждает, что оно написано об этом сообщении',
    ]);
  });

  it('keeps the checks’ own notation as it is, within words', () => {
    const words = proofWords('dkim=pass header.d=evil.example.net spf=none dmarc=fail');
    assert.deepEqual(said(words!), [
      'pārbaužu rezultāti: dkim=pass header.d=evil.example.net spf=none dmarc=fail',
      'results of the checks: dkim=pass header.d=evil.example.net spf=none dmarc=fail',
      'результаты проверок: dkim=pass header.d=evil.example.net spf=none dmarc=fail',
    ]);
  });

  it('names the kinds of private detail a reply held, and leaves a detail it does not know as stored', () => {
    const words = heldDetailWords('private_details', 'reply-address, reporter-contact');
    assert.deepEqual(
      words!.map((one) => said(one)[0]),
      ['Tilts atbildes adrese', 'iedzīvotāja e-pasta adrese vai tālruņa numurs'],
    );
    assert.equal(heldDetailWords('not_proven', 'From header missing, repeated or unreadable'), undefined);
    assert.equal(heldDetailWords('private_details', 'email, something-else'), undefined);
    assert.equal(heldDetailWords('not_staff', 'someone@example.org'), undefined);
  });
});
