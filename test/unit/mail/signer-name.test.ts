import assert from 'node:assert/strict';
import { withoutSignerName } from '../../../src/mail/inbound/signer-name.js';

const lines = (...parts: string[]): string => parts.join('\n');

describe('a reply signed with its sender’s own name alone', () => {
  const names = ['Gunita Bērziņa', 'Kaunatas pagasta pārvalde'];

  it('loses a last line that is only the sender’s given name, surname or both, with or without marks', () => {
    for (const signature of [
      'Gunita',
      'Bērziņa',
      'Gunita Bērziņa',
      'Gunita Berzina',
      '— Gunita',
      '-- Gunita',
    ]) {
      assert.equal(withoutSignerName(lines('Labojām.', '', signature), names), 'Labojām.', signature);
      assert.equal(withoutSignerName(lines('Labojām.', signature, ''), names), 'Labojām.', signature);
    }
    // The name as the From of the email writes it, the contact's being an office's.
    assert.equal(
      withoutSignerName(lines('Bedri aizbērām.', 'Zīmi noņemsim rīt.', '', 'Ilgvars'), [
        'Ilgvars Ozols <i@example.org>',
      ]),
      lines('Bedri aizbērām.', 'Zīmi noņemsim rīt.'),
    );
  });

  it('keeps every other last line, a name the answer leads to, and a reply that is the name alone', () => {
    for (const text of [
      lines('Labojām.', '', 'Kaunata'),
      lines('Labojām.', '', 'Kaunatas'),
      lines('Labojām.', '', 'Anita'),
      lines('Labojām.', '', 'Gunita zvanīs rīt'),
      lines('Labojām.', '', 'Paldies, Gunita'),
      lines('Darbus veiks:', '', 'Gunita'),
      lines('Par to atbild', 'Gunita'),
      lines('Gunita'),
      lines('Labojām.', '', 'Kaunatas pagasta pārvalde ir atvērta'),
    ])
      assert.equal(withoutSignerName(text, names), text, text);
    assert.equal(
      withoutSignerName(lines('Labojām.', '', 'Gunita'), [null, '']),
      lines('Labojām.', '', 'Gunita'),
    );
  });
});
