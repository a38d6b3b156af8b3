import assert from 'node:assert/strict';
import { senderProver } from '../../src/inbound/sender-proof.js';
import { TestDns, dkimSigned } from '../support/dkim.js';
import { CLERK, clerkReply } from '../support/reports.inbound.js';

/**
 * The tests' DKIM signer must sign what it writes. mailauth 4 reads the clock for `t=` once for
 * the bytes it signs and once for the header it writes, each rounded to a second: when the clock
 * passes a half second between the two, the signature cannot verify, and a clerk's proven reply
 * was held now and then in the full suite. Here the clock moves 300 ms at each reading.
 */
describe('the tests’ DKIM signer', () => {
  const realNow = Date.now;
  afterEach(() => {
    Date.now = realNow;
  });

  it('signs a reply its sender check proves, even when half a second passes while it signs', async () => {
    const dns = new TestDns();
    const prove = senderProver({ mode: 'dkim' }, { resolver: dns.resolver });
    const raw = clerkReply({
      from: CLERK,
      to: 'r-rzn-2026-00001-abcdefghijklmnop@tilts.test',
      text: 'Labi.',
    });
    // 12:00:00.400, then 12:00:00.700: rounded, one second apart.
    let now = Date.UTC(2026, 11, 7, 12, 0, 0, 400);
    Date.now = () => {
      const read = now;
      now += 300;
      return read;
    };
    const signed = await dkimSigned(dns, raw);
    Date.now = realNow;
    const proof = await prove({ raw: signed, from: CLERK, authenticationResults: [] });
    assert.equal(proof.proven, true, proof.summary);
  });
});
