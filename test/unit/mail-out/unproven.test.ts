import assert from 'node:assert/strict';
import { hideLinksAndContacts, withUnprovenWordsHidden } from '../../../src/mail/unproven.js';

const hide = (text: string) => hideLinksAndContacts(text, '[hidden]');

describe('the words an email to an unproven address repeats', () => {
  it('hides every link, email address and phone number, however written', () => {
    assert.deepEqual(hide('Log in at https://evil.example/x?token=1, www.evil.lv or evil.example/pay now.'), {
      text: 'Log in at [hidden], [hidden] or [hidden] now.',
      hidden: true,
    });
    assert.equal(
      hide('Write to janis @ example.org or janis at example dot org').text,
      'Write to [hidden] or [hidden]',
    );
    assert.equal(hide('Zvaniet 29 12 34 56 vai +370 612 34567.').text, 'Zvaniet [hidden] vai [hidden].');
    assert.equal(hide('Sk. https://evil.example/29123456?to=a@evil.example!').text, 'Sk. [hidden]!');
    // Full-width characters typed to slip past a filter are read as what they stand for.
    assert.equal(hide('ｅｖｉｌ.ｅｘａｍｐｌｅ/x').text, '[hidden]');
  });

  it('leaves words, places, dates and sums alone, and a […] already there', () => {
    for (const text of [
      'R.Blaumaņa iela 5, u.c.',
      'Bedre 30 cm dziļa kopš 23.11.2026, remonts 22 000 000 EUR',
      'Ceļš Nr. 12, km 3',
      'Zvaniet […]',
    ])
      assert.deepEqual(hide(text), { text, hidden: false });
    assert.equal(hide('Zvaniet […] vai https://evil.example').text, 'Zvaniet […] vai [hidden]');
  });

  it('only in the emails to an address still to be proven, and says when it hid any', () => {
    const data = {
      report: { title: 'Sk. evil.example/x', description: 'Bedre.', location: 'Skolas iela 1' },
    };
    const t = () => '[hidden]';
    assert.deepEqual(withUnprovenWordsHidden('report-confirm', data, t), {
      report: { title: 'Sk. [hidden]', description: 'Bedre.', location: 'Skolas iela 1' },
      wordsHidden: true,
    });
    assert.equal(withUnprovenWordsHidden('report-published', data, t), data);
    assert.equal(withUnprovenWordsHidden('report-new', data, t), data);
  });
});
