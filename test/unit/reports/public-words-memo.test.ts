import assert from 'node:assert/strict';
import { PublicWords } from '../../../src/reports/public-words.js';

const settings = { publicUrl: 'https://tilts.example.org', inboundDomain: 'reply.example.org' };
const writer = (name: string | null, email: string | null = null, phone: string | null = null) => ({
  name,
  email,
  phone,
});

describe('PublicWords: a short text masked once per writer and remembered', () => {
  it('masks the same title by each writer’s own name, whoever asked first', () => {
    const words = new PublicWords(settings);
    const title = 'Jānis Kalniņš ziņo: bedre pie Annas Ozolas mājas';
    assert.equal(words.of(title, writer('Jānis Kalniņš')), '[…] ziņo: bedre pie Annas Ozolas mājas');
    assert.equal(words.of(title, writer('Anna Ozola')), 'Jānis Kalniņš ziņo: bedre pie […] mājas');
    assert.equal(words.of(title, null), title);
    // Asked again, in another order: the same answers.
    assert.equal(words.of(title, null), title);
    assert.equal(words.of(title, writer('Anna Ozola')), 'Jānis Kalniņš ziņo: bedre pie […] mājas');
    assert.equal(words.of(title, writer('Jānis Kalniņš')), '[…] ziņo: bedre pie Annas Ozolas mājas');
  });

  it('keeps apart a writer with contacts and one whose name runs into the same characters', () => {
    const words = new PublicWords(settings);
    const first = writer('Ilze Kalniņa', 'ilze@example.net');
    const second = writer('Ilze Kalniņailze@example.net', null);
    const text = 'Rakstiet ilze@example.net';
    assert.equal(words.of(text, second), 'Rakstiet […]');
    assert.equal(words.of('Ilze Kalniņa', second), 'Ilze Kalniņa');
    assert.equal(words.of('Ilze Kalniņa', first), '[…]');
  });

  it('still masks contacts in a long text (not remembered) every time', () => {
    const words = new PublicWords(settings);
    const long = `${'Ceļš ir bedrains. '.repeat(20)}Zvaniet 29 123 456.`;
    assert.ok(long.length > 200);
    for (let i = 0; i < 2; i++) assert.match(words.of(long, null), /Zvaniet \[…\]\.$/);
  });

  it('stays right after it has been filled past what it keeps', () => {
    const words = new PublicWords(settings);
    for (let i = 0; i < 5_000; i++) words.of(`Bedre Nr. ${i}`, writer(`Vārds${i} Uzvārds`));
    assert.equal(words.of('Jāņa Kalniņa bedre', writer('Jānis Kalniņš')), '[…] bedre');
    assert.equal(words.of('Bedre Nr. 7', null), 'Bedre Nr. 7');
  });
});
