import assert from 'node:assert/strict';
import { hideLinksAndContacts, recipientName, withUnprovenWordsHidden } from '../../../src/mail/unproven.js';

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
    // A report sent without its address proven (a trusted Open311 partner's) says so in its data.
    assert.deepEqual(withUnprovenWordsHidden('report-published', { ...data, toUnprovenAddress: true }, t), {
      report: { title: 'Sk. [hidden]', description: 'Bedre.', location: 'Skolas iela 1' },
      toUnprovenAddress: true,
      wordsHidden: true,
    });
    const toStaff = { ...data, toUnprovenAddress: true };
    assert.equal(
      withUnprovenWordsHidden('report-new', toStaff, t),
      toStaff,
      'only the emails that may go so',
    );
    assert.equal(withUnprovenWordsHidden('report-new', data, t), data);
  });

  it('leaves out a name holding a link or a contact that greets or is named to an unproven address', () => {
    const t = () => '[hidden]';
    for (const template of ['help-offer-confirm', 'help-offer-email'])
      assert.deepEqual(withUnprovenWordsHidden(template, { name: 'Swedbank evil.click', x: 1 }, t), {
        name: null,
        x: 1,
      });
    assert.deepEqual(withUnprovenWordsHidden('help-offer-email', { name: 'Ilze Kalniņa' }, t), {
      name: 'Ilze Kalniņa',
    });
    assert.deepEqual(withUnprovenWordsHidden('help-request-subject', { askedBy: 'Zvaniet 29123456' }, t), {
      askedBy: null,
    });
    // Once the address is proven, the name is as stored.
    const proven = { name: 'Swedbank evil.click' };
    assert.equal(withUnprovenWordsHidden('help-offer-active', proven, t), proven);
  });

  it('names the recipient of an email to an unproven address only by a name without a link or contact', () => {
    assert.equal(recipientName('report-confirm', 'Konts bloķēts, evil.click'), null);
    assert.equal(recipientName('subscription-confirm', 'janis@example.org'), null);
    assert.equal(recipientName('report-confirm', 'Anna Kalniņa'), 'Anna Kalniņa');
    assert.equal(recipientName('report-published', 'Konts bloķēts, evil.click'), 'Konts bloķēts, evil.click');
    assert.equal(
      recipientName('report-published', 'Konts bloķēts, evil.click', { toUnprovenAddress: true }),
      null,
    );
    assert.equal(recipientName('report-confirm', null), null);
  });
});
