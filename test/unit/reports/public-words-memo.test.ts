import assert from 'node:assert/strict';
import { maskPrivateDetails } from '../../../src/mail/inbound/mask.js';
import {
  PublicWords,
  publicWriterOf,
  publicWriterOfRow,
  writerNamed,
  writerOf,
} from '../../../src/reports/public-words.js';

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

  it('masks a name kept back, never one shown, with the same title remembered for both', () => {
    const words = new PublicWords(settings);
    const reporter = { reporterName: 'Ilze Kalniņa', reporterEmail: 'ilze@example.net', reporterPhone: null };
    const title = 'Ilze Kalniņa ziņo';
    const shown = publicWriterOf({ ...reporter, showName: true });
    const keptBack = publicWriterOf({ ...reporter, showName: false });
    assert.deepEqual(shown, { name: null, email: 'ilze@example.net', phone: null }, 'contacts stay');
    assert.deepEqual(keptBack, writerOf(reporter));
    const row = { reporter_name: 'Ilze Kalniņa', reporter_email: 'ilze@example.net', reporter_phone: null };
    assert.deepEqual(publicWriterOfRow({ ...row, show_name: true }), shown);
    assert.deepEqual(publicWriterOfRow({ ...row, show_name: false }), keptBack);
    // Known by name alone (the lists): the shown one carries none, remembered apart from the name.
    assert.equal(words.of(title, writerNamed('Ilze Kalniņa')), '[…] ziņo');
    assert.equal(words.of(title, writerNamed(null)), title);
    assert.equal(words.of(title, writerNamed('Ilze Kalniņa')), '[…] ziņo');
    assert.equal(words.of(`${title}, ilze@example.net`, shown), `${title}, […]`);
    assert.equal(words.of(`${title}, ilze@example.net`, keptBack), '[…] ziņo, […]');
    assert.equal(words.of(title, writerOf(reporter)), '[…] ziņo', 'help matching: masked always');
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

  it('masks every way of writing a contact that the masks know, short or long (its pre-check misses none)', () => {
    const words = new PublicWords(settings);
    const samples = [
      'Rakstiet janis at example dot org',
      'Rakstiet janis at example.org',
      'Пишите janis эт example точка org',
      'Rakstiet janis (at) example [dot] org',
      'Rakstiet janis@example.org',
      'Zvaniet +371 29 123 456',
      'Zvaniet ２９１２３４５６',
      'Saite tilts.example.org/reports/RZN-2026-00001?token=abc',
    ];
    for (const sample of samples) {
      const expected = maskPrivateDetails(sample, settings).text;
      assert.notEqual(expected, sample, `the masks read ${sample}`);
      assert.equal(words.of(sample, null), expected, sample);
      assert.equal(
        words.of(`${'Ceļš ir bedrains. '.repeat(20)}${sample}`, null).endsWith(expected),
        true,
        sample,
      );
    }
  });
});
