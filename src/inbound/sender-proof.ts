import { dkimVerify, dmarc, type DnsResolver } from 'mailauth';
import type { InboundAuth } from '../config.js';
import { aligned, domainOf, provesFrom, trustedResults } from '../mail/inbound/authentication-results.js';
import { PROOF } from '../mail/inbound/held-words.js';
import { addressKey, sameAddress } from '../mail/address-key.js';
import { dkimSignatureTimes, dkimSignatureValues, signatureDigest } from './signatures.js';

export type { DnsResolver } from 'mailauth';

/** What Tilts could learn about who really sent a message. */
export interface SenderProof {
  /** The From address is the sender's own, as far as the configured check can tell. */
  proven: boolean;
  /**
   * What was checked and found, for staff and the log, in the checks' own notation (e.g.
   * `dkim=pass header.d=example.org`) or one of held-words.ts's PROOF findings, said in words there.
   */
  summary: string;
  /**
   * Digests (signatures.ts) of the DKIM signatures that proved it, by which a replay of it is
   * known; none when the check names no signature.
   */
  signatures?: string[];
  /**
   * The signing times (`t=`, milliseconds; null where none is written) of the same signatures (in
   * header mode, of every one the message carries), by which signature-age.ts holds a reply signed
   * longer ago than received mail is kept.
   */
  signedAt?: (number | null)[];
}

/** The DNS could not answer now (a temporary error): the message is tried again later. */
export class ProofUnavailableError extends Error {
  constructor(summary: string) {
    super(`sender proof unavailable: ${summary}`);
    this.name = 'ProofUnavailableError';
  }
}

export interface ProofInput {
  raw: Buffer;
  /** The From address as the pipeline read it, lower-cased. */
  from: string;
  /** How many addresses From names; a From of several proves none of them (RFC 7489 §6.6.1). */
  fromCount?: number;
  /** Every Authentication-Results header of the message, topmost first. */
  authenticationResults: readonly string[];
}

export type SenderProver = (input: ProofInput) => Promise<SenderProof>;

const TEMPORARY = new Set(['temperror']);

/**
 * Whether a signature's `h=` names From. RFC 6376 §6.1.1: one that does not is a PERMFAIL, as its
 * From could be any address at the signing domain; mailauth does not check it. (Its result carries
 * the signed header names, not in its types.)
 */
function signsFrom(result: object): boolean {
  const keys = (result as { signingHeaders?: { keys?: unknown } }).signingHeaders?.keys;
  return typeof keys === 'string' && keys.split(':').some((key) => key.trim().toLowerCase() === 'from');
}

/**
 * Checks DKIM and DMARC with mailauth. Proven means a DMARC pass by DKIM, or, where the From domain
 * has no DMARC policy, a DKIM signature that passes, signs From, covers the whole body and is
 * aligned with the From domain (the same domain, or one above or below it). mailauth's own
 * reading of From must be exactly one address, the one we read.
 *
 * SPF is not checked: the SMTP door sits behind a mail server (port 2525, loopback by default), so
 * the client it sees is that server, never the sender's. When the same server sends the parish's
 * own mail (`v=spf1 mx …`, its address in the record, as docs/operations.md's example has it), SPF
 * passes for any envelope sender at that domain, and DMARC would then pass a stranger's unsigned
 * message whose From names a clerk there. SPF belongs to the border, to the mail server in front
 * (INBOUND_AUTH=header:…), which sees the real client.
 */
async function proveByDkim(input: ProofInput, resolver: DnsResolver | undefined) {
  const dkim = await dkimVerify(input.raw, { ...(resolver ? { resolver } : {}) });
  const froms = dkim.headerFrom || [];
  // mailauth reads From as written (punycode or not); mailparser decodes its domain to Unicode.
  if (froms.length !== 1 || !sameAddress(froms[0]!, input.from)) {
    return { proven: false, summary: PROOF.fromUnreadable };
  }
  // A signature with `l=` that leaves part of the body unsigned could carry anyone's words; one
  // that leaves From unsigned says nothing of who sent it (mailauth passes it).
  const passes = dkim.results.filter(
    (result) => result.status.result === 'pass' && !result.status.underSized && signsFrom(result),
  );
  const policy = await dmarc({
    headerFrom: addressKey(input.from),
    spfDomains: [],
    dkimDomains: passes.map((result) => ({
      ...(result.id ? { id: result.id } : {}),
      domain: result.signingDomain,
      aligned: result.status.aligned ?? false,
    })),
    ...(resolver ? { resolver } : {}),
  });
  const fromDomain = domainOf(input.from);
  // adkim=s asks for a signature of the From domain itself; mailauth 4 passes any domain of the
  // same organisation whatever the policy says, so a strict policy is checked here.
  const strictMiss =
    policy !== false &&
    policy.alignment?.dkim?.strict === true &&
    !passes.some((result) => domainOf(result.signingDomain) === fromDomain);
  const dmarcResult = !policy
    ? 'none'
    : strictMiss && policy.status.result === 'pass'
      ? 'fail'
      : policy.status.result;
  const dkimSummary = dkim.results.map(
    (result) =>
      `dkim=${result.status.result === 'pass' && !signsFrom(result) ? 'permerror' : result.status.result} header.d=${result.signingDomain}`,
  );
  const summary = [...dkimSummary, `dmarc=${dmarcResult}`].join(' ');
  // Any signature that passed is remembered: a replay keeps the one that proved it.
  const signatures = passes.flatMap((result) => {
    const b = (result as { signature?: unknown }).signature;
    return typeof b === 'string' && b !== '' ? [signatureDigest(b)] : [];
  });
  // And their signing times: a replay carries the old one that proved it first.
  const signedAt = passes.map((result) => {
    const time = (result as { signTime?: unknown }).signTime;
    return typeof time === 'string' ? Date.parse(time) : null;
  });
  if (dmarcResult === 'pass') return { proven: true, summary, signatures, signedAt };
  // Without a DMARC policy, a signature of the From domain or of one above or below it. Not
  // mailauth's `aligned`, which takes any two domains of one organisation (another parish's
  // subdomain); and never against a policy that failed it (adkim=s asks for the domain itself).
  if (
    dmarcResult === 'none' &&
    passes.some((result) => result.status.aligned && aligned(result.signingDomain, fromDomain))
  )
    return { proven: true, summary, signatures, signedAt };
  const temporary =
    TEMPORARY.has(dmarcResult) || dkim.results.some((result) => TEMPORARY.has(result.status.result));
  if (temporary) throw new ProofUnavailableError(summary);
  return { proven: false, summary };
}

/** Builds the check INBOUND_AUTH asks for; `resolver` replaces the system DNS (tests use a fake one). */
export function senderProver(auth: InboundAuth, options: { resolver?: DnsResolver } = {}): SenderProver {
  const prove = proverFor(auth, options);
  // Whatever the check, a From of several addresses (or several From headers) proves none of them:
  // a DMARC verdict speaks of one From domain, and `a@parish.lv, b@evil.example` has two.
  return (input) => {
    const count = input.fromCount ?? 1;
    if (count === 1) return prove(input);
    return Promise.resolve({
      proven: false,
      summary: count === 0 ? PROOF.fromUnreadable : PROOF.fromMany(count),
    });
  };
}

function proverFor(auth: InboundAuth, options: { resolver?: DnsResolver }): SenderProver {
  switch (auth.mode) {
    case 'none':
      return () => Promise.resolve({ proven: true, summary: PROOF.unchecked });
    case 'header':
      return (input) => {
        const results = trustedResults(input.authenticationResults, auth.authservId);
        if (!results) return Promise.resolve({ proven: false, summary: PROOF.noResults(auth.authservId) });
        const { proven, how } = provesFrom(results, domainOf(input.from));
        return Promise.resolve({
          proven,
          summary: how ? `${auth.authservId}: ${how}` : PROOF.emptyResults(auth.authservId),
          // The server names no signature by its value: every one the message carries.
          ...(proven
            ? {
                signatures: dkimSignatureValues(input.raw).map(signatureDigest),
                // Nor by its signing time: that of every signature the message carries.
                signedAt: dkimSignatureTimes(input.raw),
              }
            : {}),
        });
      };
    case 'dkim':
      return (input) => proveByDkim(input, options.resolver);
  }
}
