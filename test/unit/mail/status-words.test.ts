import assert from 'node:assert/strict';
import { STATUS_WORDS, parseStatusWord } from '../../../src/mail/inbound/status-words.js';
import type { StatusCommand } from '../../../src/mail/inbound/status-words.js';

const command = (text: string): StatusCommand => parseStatusWord(text).command;

describe('status words in a reply', () => {
  for (const [words, status] of [
    [['#saņemts', '#received', '#получено', '#sanemts'], 'acknowledged'],
    [['#procesā', '#in-progress', '#в-работе', '#procesa', '#in_progress'], 'in_progress'],
    [['#atrisināts', '#resolved', '#решено', '#atrisinats'], 'resolved'],
  ] as const) {
    for (const word of words) {
      it(`reads ${word} as ${status}`, () => {
        assert.deepEqual(parseStatusWord(`${word}\nTeksts.`), {
          command: { kind: 'status', status },
          text: 'Teksts.',
        });
      });
    }
  }

  for (const word of ['#slēgts', '#closed', '#закрыто', '#slegts']) {
    it(`reads ${word} alone as closed without a reason`, () => {
      assert.deepEqual(command(word), { kind: 'status', status: 'closed' });
    });
  }

  for (const [phrase, reason] of [
    ['#slēgts nav-mūsu', 'not_responsible'],
    ['#slēgts nav mūsu', 'not_responsible'],
    ['#slegts nav-musu', 'not_responsible'],
    ['#closed not-ours', 'not_responsible'],
    ['#закрыто не-наше', 'not_responsible'],
    ['#закрыто не наше', 'not_responsible'],
    ['#slēgts dublikāts', 'duplicate'],
    ['#closed #duplicate', 'duplicate'],
    ['#закрыто дубликат', 'duplicate'],
    ['#slēgts bez-darbības', 'no_action'],
    ['#closed no action', 'no_action'],
    ['#закрыто без-действий', 'no_action'],
    ['#slēgts-dublikāts', 'duplicate'],
  ] as const) {
    it(`reads "${phrase}" as closed because ${reason}`, () => {
      assert.deepEqual(command(`${phrase}. Paskaidrojums.`), { kind: 'status', status: 'closed', reason });
    });
  }

  it('reads the ref of the original after a duplicate reason', () => {
    assert.deepEqual(parseStatusWord('#slēgts dublikāts rzn-2026-00017\nSkatīt to ziņojumu.'), {
      command: { kind: 'status', status: 'closed', reason: 'duplicate', duplicateOf: 'RZN-2026-00017' },
      text: 'Skatīt to ziņojumu.',
    });
  });

  it('keeps the words after #slēgts when they are not a reason', () => {
    assert.deepEqual(parseStatusWord('#slēgts Ceļš ir valsts pārziņā.'), {
      command: { kind: 'status', status: 'closed' },
      text: 'Ceļš ir valsts pārziņā.',
    });
  });

  for (const word of ['#iekšēji', '#internal', '#внутреннее', '#iekseji']) {
    it(`reads ${word} as an internal note`, () => {
      assert.deepEqual(parseStatusWord(`${word} Zvanīju ceļu dienestam.`), {
        command: { kind: 'internal' },
        text: 'Zvanīju ceļu dienestam.',
      });
    });
  }

  it('ignores case, including upper-case letters with diacritics', () => {
    assert.deepEqual(command('#ProCESĀ'), { kind: 'status', status: 'in_progress' });
    assert.deepEqual(command('#РЕШЕНО'), { kind: 'status', status: 'resolved' });
  });

  it('accepts letters typed as base letter plus combining mark', () => {
    assert.deepEqual(command('#proces\u0061\u0304'), { kind: 'status', status: 'in_progress' });
  });

  it('accepts a dash that a phone turned into an en dash', () => {
    assert.deepEqual(command('#в–работе'), { kind: 'status', status: 'in_progress' });
  });

  it('finds the word on the first non-empty line, after leading spaces', () => {
    assert.deepEqual(parseStatusWord('\n\n   #atrisināts: bedre aizbērta.\n\nPaldies.'), {
      command: { kind: 'status', status: 'resolved' },
      text: 'bedre aizbērta.\n\nPaldies.',
    });
  });

  it('only looks at the start: a status word later in the text changes nothing', () => {
    const text = 'Paldies. Kad būs gatavs, rakstīsim #atrisināts.';
    assert.deepEqual(parseStatusWord(text), { command: { kind: 'none' }, text });
  });

  it('reports an unknown hashtag and leaves the text alone', () => {
    const text = '#gatavs Bedre aizbērta.';
    assert.deepEqual(parseStatusWord(text), { command: { kind: 'unknown', word: '#gatavs' }, text });
  });

  it('does not treat a number sign before a digit as a word', () => {
    assert.deepEqual(command('#5 mājā nav gaismas'), { kind: 'none' });
  });

  it('returns none for an empty reply', () => {
    assert.deepEqual(parseStatusWord(''), { command: { kind: 'none' }, text: '' });
  });

  it('documents one spelling of every word in every language', () => {
    for (const set of Object.values(STATUS_WORDS)) {
      for (const word of Object.values(set.statuses)) assert.equal(command(word).kind, 'status', word);
      assert.deepEqual(command(set.internal), { kind: 'internal' });
      for (const [reason, word] of Object.entries(set.reasons)) {
        assert.deepEqual(command(`${set.statuses.closed} ${word}`), {
          kind: 'status',
          status: 'closed',
          reason,
        });
      }
    }
  });
});
