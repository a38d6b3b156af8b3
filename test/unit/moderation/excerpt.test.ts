import assert from 'node:assert/strict';
import { excerpt } from '../../../src/moderation/staff-page.js';

describe('one line of a text for a table cell or a hint', () => {
  it('keeps a short text whole, and cuts a long one with an ellipsis', () => {
    assert.equal(excerpt(null), null);
    assert.equal(excerpt('Bedre pie skolas.', 20), 'Bedre pie skolas.');
    assert.equal(excerpt('Bedre pie skolas ir liela.', 12), 'Bedre pie s…');
  });

  it('never cuts a mask in half: the line ends before it', () => {
    // Cut at 17, the line would end "zvaniet […" with the mask's "]" lost.
    assert.equal(excerpt('Lūdzu zvaniet […] vakarā vai rakstiet.', 17), 'Lūdzu zvaniet…');
    assert.equal(excerpt('Zvaniet […] vai […] rīt no rīta.', 18), 'Zvaniet […] vai…');
    assert.equal(excerpt('Zvaniet […] rīt no rīta, ja varat.', 16), 'Zvaniet […] rīt…');
  });
});
