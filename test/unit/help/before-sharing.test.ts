import assert from 'node:assert/strict';
import { maskLinks } from '../../../src/mail/inbound/mask.js';

describe('the volunteer’s words before both agreed: every link masked', () => {
  it('masks a link with a scheme, from www., or bare with a path or a site’s name', () => {
    assert.equal(
      maskLinks(
        'FB: facebook.com/sergejs.ivanovs. Insta: https://www.instagram.com/sergejs_i/, VK: vk.com/id42; ' +
          'http://example.org/x?y=1 (www.Sergejs.lv) t.me/sergejs, m.facebook.com/profile.php?id=1 vai sergejs.lv!',
      ),
      'FB: […]. Insta: […], VK: […]; […] ([…]) […], […] vai […]!',
    );
  });

  it('leaves words, numbers and abbreviations that are no link', () => {
    const text = 'Sveiki. Esmu šoferis u.c., plkst. 10.30, 3.5 km; adrese [...] un e-pasts […].';
    assert.equal(maskLinks(text), text);
  });
});
