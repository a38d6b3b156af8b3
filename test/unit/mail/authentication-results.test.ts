import assert from 'node:assert/strict';
import {
  aligned,
  parseAuthenticationResults,
  provesFrom,
  trustedResults,
} from '../../../src/mail/inbound/authentication-results.js';

const OURS = 'mx.rezeknesnovads.example.org';

describe('Authentication-Results of the mail server in front (RFC 8601)', () => {
  it('reads the authserv-id and each method, result and property, without the comments', () => {
    const parsed = parseAuthenticationResults(
      `${OURS}; dkim=pass (2048-bit key; unprotected) header.d=example.org header.i=@example.org header.b="abc/def+";\r\n spf=pass (${OURS}: domain of kaunata@example.org designates 192.0.2.1 as permitted sender) smtp.mailfrom=kaunata@example.org;\r\n dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org`,
    );
    assert.equal(parsed?.authservId, OURS);
    assert.deepEqual(
      parsed?.results.map((result) => [result.method, result.result]),
      [
        ['dkim', 'pass'],
        ['spf', 'pass'],
        ['dmarc', 'pass'],
      ],
    );
    assert.equal(parsed?.results[0]?.props['header.d'], 'example.org');
    assert.equal(parsed?.results[0]?.props['header.b'], 'abc/def+');
    assert.equal(parsed?.results[2]?.props['header.from'], 'example.org');
  });

  it('reads a version number, "none", a quoted reason and nested comments', () => {
    assert.deepEqual(parseAuthenticationResults(`${OURS} 1; none`), { authservId: OURS, results: [] });
    const failed = parseAuthenticationResults(
      `${OURS}; dkim=fail reason="signature verification failed (bad; key)" (outer (inner)) header.d=example.org`,
    );
    assert.equal(failed?.results[0]?.result, 'fail');
    assert.equal(failed?.results[0]?.props.reason, 'signature verification failed (bad; key)');
    assert.equal(failed?.results[0]?.props['header.d'], 'example.org');
  });

  it('trusts only the topmost header with our authserv-id and ignores one a sender wrote with another', () => {
    const forged = 'mx.attacker.example.net; dmarc=pass header.from=example.org';
    const ours = `${OURS}; dmarc=fail header.from=example.org`;
    const results = trustedResults([forged, ours], OURS);
    assert.equal(results?.results[0]?.result, 'fail');
    assert.equal(trustedResults([forged], OURS), undefined);
    // A header lower down with our id was written before our server saw the message: not ours.
    const again = trustedResults([ours, `${OURS}; dmarc=pass header.from=example.org`], OURS);
    assert.equal(again?.results[0]?.result, 'fail');
  });

  it('takes no header further down when the topmost of ours is too long to read', () => {
    const long = `${OURS}; ${'dkim=fail header.d=example.org; '.repeat(400)}dmarc=fail header.from=example.org`;
    const below = `${OURS}; dmarc=pass header.from=example.org`;
    assert.equal(trustedResults([long, below], OURS), undefined);
    assert.equal(
      trustedResults(['mx.other.example (a; comment); dkim=pass', below], OURS)?.results[0]?.result,
      'pass',
    );
  });

  it('proves the From domain by a DMARC pass, or a DKIM pass aligned with it, and nothing else', () => {
    const check = (header: string, from = 'example.org') =>
      provesFrom(parseAuthenticationResults(header)!, from).proven;
    assert.equal(check(`${OURS}; dmarc=pass header.from=example.org`), true);
    assert.equal(check(`${OURS}; dmarc=pass header.from=evil.example.net`), false);
    assert.equal(check(`${OURS}; dkim=pass header.d=example.org`), true);
    assert.equal(check(`${OURS}; dkim=pass header.i=@mail.example.org`), true);
    assert.equal(check(`${OURS}; dkim=pass header.d=evil.example.net`), false);
    assert.equal(check(`${OURS}; spf=pass smtp.mailfrom=kaunata@example.org`), false);
    assert.equal(check(`${OURS}; dkim=fail header.d=example.org; dmarc=fail header.from=example.org`), false);
  });

  it('lets no aligned DKIM pass overrule a DMARC fail of the From domain (a strict policy, adkim=s)', () => {
    const check = (header: string, from = 'example.org') =>
      provesFrom(parseAuthenticationResults(header)!, from).proven;
    assert.equal(
      check(`${OURS}; dkim=pass header.d=mail.example.org; dmarc=fail header.from=example.org`),
      false,
    );
    assert.equal(
      check(`${OURS}; dkim=pass header.d=mail.example.org; dmarc=none header.from=example.org`),
      true,
    );
    // The server's DMARC read another From than ours: no telling which one its checks were about.
    assert.equal(
      check(`${OURS}; dkim=pass header.d=example.org; dmarc=fail header.from=evil.example.net`),
      false,
    );
  });

  it('reads a domain with non-Latin letters the same in punycode and in its letters', () => {
    const check = (header: string, from: string) =>
      provesFrom(parseAuthenticationResults(header)!, from).proven;
    // mailparser hands the From domain back decoded; the server writes what the message said.
    assert.equal(check(`${OURS}; dkim=pass header.d=xn--rzekne-p3a.example`, 'rēzekne.example'), true);
    assert.equal(check(`${OURS}; dmarc=pass header.from=xn--rzekne-p3a.example`, 'Rēzekne.example'), true);
    assert.equal(check(`${OURS}; dkim=pass header.d=rēzekne.example`, 'xn--rzekne-p3a.example'), true);
    assert.equal(check(`${OURS}; dkim=pass header.d=xn--lznava-9za.example`, 'rēzekne.example'), false);
    assert.equal(aligned('xn--rzekne-p3a.example', 'pasts.rēzekne.example'), true);
  });

  it('aligns a domain with itself and its subdomains, never with a look-alike', () => {
    assert.equal(aligned('example.org', 'example.org'), true);
    assert.equal(aligned('example.org', 'pagasts.example.org'), true);
    assert.equal(aligned('mail.example.org', 'example.org'), true);
    assert.equal(aligned('badexample.org', 'example.org'), false);
    assert.equal(aligned('example.org.evil.example.net', 'example.org'), false);
  });

  it('refuses what is not such a header instead of guessing', () => {
    assert.equal(parseAuthenticationResults(''), undefined);
    assert.equal(parseAuthenticationResults(`${OURS}; ${'dkim=pass '.repeat(2000)}`), undefined);
  });
});
