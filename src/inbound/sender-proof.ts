import { dkimVerify, dmarc, spf, type DnsResolver } from 'mailauth';
import type { InboundAuth } from '../config.js';
import { domainOf, provesFrom, trustedResults } from '../mail/inbound/authentication-results.js';
import { PROOF } from '../mail/inbound/held-words.js';

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
  /** What the SMTP door saw (absent for the webhook): SPF needs all three. */
  envelope?:
    { clientIp?: string | undefined; helo?: string | undefined; mailFrom?: string | undefined } | undefined;
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
 * Checks DKIM, SPF (only where the SMTP client is known) and DMARC with mailauth. Proven means a
 * DMARC pass, or a DKIM signature that passes, signs From, covers the whole body and is aligned
 * with the From domain. mailauth's own reading of From must be exactly one address, the one we read.
 */
async function proveByDkim(input: ProofInput, resolver: DnsResolver | undefined, mta: string) {
  const dkim = await dkimVerify(input.raw, { ...(resolver ? { resolver } : {}) });
  const froms = dkim.headerFrom || [];
  if (froms.length !== 1 || froms[0]!.toLowerCase() !== input.from) {
    return { proven: false, summary: PROOF.fromUnreadable };
  }
  const spfDomains: string[] = [];
  let spfResult = 'none';
  const { clientIp, helo, mailFrom } = input.envelope ?? {};
  if (clientIp && mailFrom) {
    const checked = await spf({
      sender: mailFrom,
      ip: clientIp,
      mta,
      ...(helo ? { helo } : {}),
      ...(resolver ? { resolver } : {}),
    });
    spfResult = checked.status.result;
    if (spfResult === 'pass') spfDomains.push(checked.domain);
  }
  // A signature with `l=` that leaves part of the body unsigned could carry anyone's words; one
  // that leaves From unsigned says nothing of who sent it (mailauth passes it).
  const passes = dkim.results.filter(
    (result) => result.status.result === 'pass' && !result.status.underSized && signsFrom(result),
  );
  const policy = await dmarc({
    headerFrom: input.from,
    spfDomains,
    dkimDomains: passes.map((result) => ({
      ...(result.id ? { id: result.id } : {}),
      domain: result.signingDomain,
      aligned: result.status.aligned ?? false,
    })),
    ...(resolver ? { resolver } : {}),
  });
  const dmarcResult = policy ? policy.status.result : 'none';
  const dkimSummary = dkim.results.map(
    (result) =>
      `dkim=${result.status.result === 'pass' && !signsFrom(result) ? 'permerror' : result.status.result} header.d=${result.signingDomain}`,
  );
  const summary = [...dkimSummary, `spf=${spfResult}`, `dmarc=${dmarcResult}`].join(' ');
  if (dmarcResult === 'pass') return { proven: true, summary };
  if (passes.some((result) => result.status.aligned)) return { proven: true, summary };
  const temporary =
    TEMPORARY.has(dmarcResult) ||
    TEMPORARY.has(spfResult) ||
    dkim.results.some((result) => TEMPORARY.has(result.status.result));
  if (temporary) throw new ProofUnavailableError(summary);
  return { proven: false, summary };
}

/** Builds the check INBOUND_AUTH asks for; `resolver` replaces the system DNS (tests use a fake one). */
export function senderProver(
  auth: InboundAuth,
  options: { resolver?: DnsResolver; mta: string },
): SenderProver {
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

function proverFor(auth: InboundAuth, options: { resolver?: DnsResolver; mta: string }): SenderProver {
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
        });
      };
    case 'dkim':
      return (input) => proveByDkim(input, options.resolver, options.mta);
  }
}
