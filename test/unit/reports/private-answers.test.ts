import assert from 'node:assert/strict';
import { unfitPrivateAnswers, type PrivacyRow } from '../../../src/reports/private-answers.js';
import { answersNamed } from '../../../src/staff/reports/private-answers.js';
import { systemNote } from '../../../src/timeline/system-note.js';

const SIGNED = 'Bedre aizlāpīta.\n\nAr cieņu,\nAnna Bērziņa';
let next = 1;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 10, minute));
const answer = (minute: number, text = SIGNED, more: Partial<PrivacyRow> = {}): PrivacyRow => ({
  id: next++,
  authorKind: 'staff',
  fromStatus: 'open',
  publicText: text,
  internalNote: null,
  isPublic: true,
  hiddenAt: null,
  createdAt: at(minute),
  ...more,
});
const note = (minute: number, text: string): PrivacyRow => ({
  ...answer(minute, '', { isPublic: false, authorKind: 'staff' }),
  publicText: null,
  internalNote: text,
});
/** The report's resident, who kept their name back. */
const REPORTER = { reporterName: 'Jānis Kalniņš', showName: false };
const ids = (rows: PrivacyRow[], privateNow = true, reporter = REPORTER) =>
  unfitPrivateAnswers(rows, privateNow, reporter).map((unfit) => unfit.id);

describe('unfitPrivateAnswers: the signed answers a report made public again would publish', () => {
  it('finds each answer written since the report was made private, not one written while it was public', () => {
    const publicTime = answer(1);
    const made = note(2, systemNote({ note: 'private' }));
    const privateTime = answer(3);
    const plain = answer(4, 'Zvanīsim jums rīt.');
    assert.deepEqual(ids([publicTime, made, privateTime, plain]), [privateTime.id]);
  });

  it('counts as private the time before a "made public" note, and all of a report never public', () => {
    const first = answer(1);
    const rows = [first, note(2, systemNote({ note: 'public', reason: 'x' })), answer(3, 'Labi.')];
    rows.push(note(4, systemNote({ note: 'private' })));
    const last = answer(5);
    assert.deepEqual(ids([...rows, last]), [first.id, last.id]);
    assert.deepEqual(ids([first]), [first.id]);
  });

  it('of a report public now, finds only what was written before the last "made public" note', () => {
    const privateTime = answer(1);
    const made = note(2, systemNote({ note: 'public', reason: 'x' }));
    const publicTime = answer(3, 'Zvaniet 64601234.');
    assert.deepEqual(ids([privateTime, made, publicTime], false), [privateTime.id]);
    assert.deepEqual(ids([publicTime], false), [], 'a report always public had each answer checked');
  });

  it('reads the time before a move into a private category as private: it may have been', () => {
    const before = answer(1);
    const moved = note(
      2,
      systemNote({ note: 'moved', from: 'roads/kaunatas', to: 'social/kaunatas', recipients: [] }),
    );
    assert.deepEqual(ids([before, moved]), [before.id]);
  });

  it('passes over what is not published as a staff answer: hidden, internal, the resident’s, the intake', () => {
    assert.deepEqual(
      ids([
        answer(1, SIGNED, { hiddenAt: at(2) }),
        answer(2, SIGNED, { isPublic: false }),
        answer(3, SIGNED, { authorKind: 'reporter' }),
        answer(4, SIGNED, { fromStatus: 'unconfirmed' }),
      ]),
      [],
    );
    const phone = answer(5, 'Zvaniet 64601234.', { authorKind: 'recipient' });
    assert.deepEqual(ids([phone]), [phone.id]);
  });

  it('finds an answer that greets a reporter who kept their name back by their given name, not one who shows it', () => {
    const greeted = answer(1, 'Labdien, Jāni! Bedre aizlāpīta.');
    const street = answer(2, 'Jāņa ielā bedre aizlāpīta.');
    assert.deepEqual(ids([greeted, street]), [greeted.id]);
    assert.deepEqual(ids([greeted, street], true, { ...REPORTER, showName: true }), []);
  });

  it('names each answer by its date and first words, in the reader’s language', () => {
    const unfit = unfitPrivateAnswers(
      [answer(1, 'Labdien! Bedre aizlāpīta otrdien, paldies par ziņu.\nAr cieņu,\nAnna')],
      true,
      REPORTER,
    );
    assert.equal(
      answersNamed(unfit, 'en'),
      '5 December 2026 at 12:01 “Labdien! Bedre aizlāpīta otrdien, paldies par ziņu. Ar …”',
    );
    assert.match(answersNamed(unfit, 'ru'), /^5 декабря 2026 г\. в 12:01 «Labdien! Bedre/);
    assert.match(
      answersNamed([...unfit, ...unfit], 'lv'),
      /^2026\. gada 5\. decembris 12:01 “Labdien! [^”]*”; 2026\./,
    );
  });
});
