import assert from 'node:assert/strict';
import {
  SIGNATURE_LENGTH,
  findReplyAddress,
  localPartOf,
  makeReplyAddress,
  parseReplyAddress,
  verifyReplyAddress,
} from '../../../src/mail/inbound/reply-address.js';

const secret = 'test-secret-with-enough-entropy-0123456789';
const domain = 'tilts.example.org';
const clerk = 'kaunata@example.org';
const socialWorker = 'socdienests@example.org';

function addressFor(recipient: string, ref = 'RZN-2026-00042'): string {
  return makeReplyAddress({ ref, recipient, secret, domain });
}

describe('signed reply addresses', () => {
  it('builds r-<lower-case ref>-<signature>@domain with a short base32 signature', () => {
    const address = addressFor(clerk);
    assert.match(
      address,
      new RegExp(`^r-rzn-2026-00042-[a-z2-7]{${SIGNATURE_LENGTH}}@tilts\\.example\\.org$`),
    );
    assert.ok(address.split('@')[0]!.length <= 64, 'a local part must fit the 64-character SMTP limit');
  });

  it('gives each recipient of the same report a different address', () => {
    assert.notEqual(addressFor(clerk), addressFor(socialWorker));
  });

  it('gives the same address whatever the case of the ref and the recipient', () => {
    assert.equal(
      makeReplyAddress({
        ref: 'rzn-2026-00042',
        recipient: 'Kaunata@Example.ORG',
        secret,
        domain: 'TILTS.example.org',
      }),
      addressFor(clerk),
    );
  });

  it('depends on the secret', () => {
    const other = makeReplyAddress({
      ref: 'RZN-2026-00042',
      recipient: clerk,
      secret: 'another-secret',
      domain,
    });
    assert.notEqual(other, addressFor(clerk));
  });

  it('refuses to sign a malformed ref or with an empty secret', () => {
    assert.throws(() => makeReplyAddress({ ref: 'RZN 42; DROP', recipient: clerk, secret, domain }));
    assert.throws(() => makeReplyAddress({ ref: 'RZN-2026-00042', recipient: clerk, secret: '', domain }));
  });

  it('verifies an address against the recipient it was made for', () => {
    const result = verifyReplyAddress(addressFor(clerk), { secret, domain, recipients: [clerk] });
    assert.deepEqual(result, { ok: true, ref: 'RZN-2026-00042', recipient: clerk });
  });

  it('tells which of several candidate recipients the address was made for', () => {
    const result = verifyReplyAddress(addressFor(socialWorker), {
      secret,
      domain,
      recipients: [clerk, 'Socdienests@Example.org'],
    });
    assert.deepEqual(result, { ok: true, ref: 'RZN-2026-00042', recipient: socialWorker });
  });

  it('survives a mail client that upper-cases the whole address', () => {
    const result = verifyReplyAddress(addressFor(clerk).toUpperCase(), {
      secret,
      domain,
      recipients: [clerk],
    });
    assert.deepEqual(result, { ok: true, ref: 'RZN-2026-00042', recipient: clerk });
  });

  it('accepts the address with a display name or angle brackets around it', () => {
    const result = verifyReplyAddress(`"Tilts" <${addressFor(clerk)}>`, {
      secret,
      domain,
      recipients: [clerk],
    });
    assert.equal(result.ok, true);
  });

  it('rejects an address sent from someone it was not made for, but still names the ref', () => {
    const result = verifyReplyAddress(addressFor(clerk), {
      secret,
      domain,
      recipients: ['kaimins@example.org'],
    });
    assert.deepEqual(result, { ok: false, reason: 'bad-signature', ref: 'RZN-2026-00042' });
  });

  it('rejects a signature moved to another report', () => {
    const signature = addressFor(clerk).split('@')[0]!.split('-').at(-1)!;
    const forged = `r-rzn-2026-00043-${signature}@${domain}`;
    const result = verifyReplyAddress(forged, { secret, domain, recipients: [clerk] });
    assert.deepEqual(result, { ok: false, reason: 'bad-signature', ref: 'RZN-2026-00043' });
  });

  it('rejects a signature with one character changed', () => {
    const address = addressFor(clerk);
    const at = address.indexOf('@');
    const last = address[at - 1] === 'a' ? 'b' : 'a';
    const tampered = `${address.slice(0, at - 1)}${last}${address.slice(at)}`;
    assert.equal(verifyReplyAddress(tampered, { secret, domain, recipients: [clerk] }).ok, false);
  });

  it('rejects an address of another domain', () => {
    const address = addressFor(clerk).replace(domain, 'evil.example.org');
    assert.deepEqual(verifyReplyAddress(address, { secret, domain, recipients: [clerk] }), {
      ok: false,
      reason: 'wrong-domain',
    });
  });

  it('calls addresses that are not ours in shape malformed', () => {
    for (const address of [
      'kaunata@tilts.example.org',
      'r-@tilts.example.org',
      'r-rzn-2026-00042@tilts.example.org',
      'r-rzn-2026-00042-short@tilts.example.org',
      'r-rzn-2026-00042-0000000000000000@tilts.example.org',
      'not an address',
      '',
    ]) {
      assert.deepEqual(parseReplyAddress(address, { domain }), { ok: false, reason: 'malformed' }, address);
    }
  });

  it('parses the ref without the secret, so the report can be looked up first', () => {
    const parsed = parseReplyAddress(addressFor(clerk), { domain });
    assert.equal(parsed.ok, true);
    assert.equal(parsed.ok && parsed.ref, 'RZN-2026-00042');
  });

  it('accepts an address signed with the previous secret during a rotation', () => {
    const old = makeReplyAddress({ ref: 'RZN-2026-00042', recipient: clerk, secret: 'old-secret', domain });
    const result = verifyReplyAddress(old, { secret: [secret, 'old-secret'], domain, recipients: [clerk] });
    assert.equal(result.ok, true);
  });

  it('finds our address among the recipients of an inbound message', () => {
    const ours = addressFor(clerk);
    assert.equal(
      findReplyAddress(['kaunata@example.org', `<${ours.toUpperCase()}>`], domain),
      `<${ours.toUpperCase()}>`,
    );
    assert.equal(findReplyAddress(['kaunata@example.org', 'r-x@other.example.org'], domain), undefined);
  });

  it('extracts the lower-cased local part of an address', () => {
    assert.equal(localPartOf('Tilts <R-RZN-2026-00042-ABC@Tilts.Example.org>'), 'r-rzn-2026-00042-abc');
    assert.equal(localPartOf('no-at-sign'), undefined);
  });
});
