/** A message in the reader's language: a catalog key and its values. */
export interface HeldWords {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * The sender check's findings as SenderProof writes them. They are stored with the message and
 * said in words only where staff read them, in their language; the results of DKIM, SPF and DMARC
 * (`dkim=fail header.d=example.org dmarc=fail`) are the checks' own notation in every
 * language and are shown as they are.
 */
export const PROOF = {
  unchecked: 'auth=none',
  fromUnreadable: 'from=unreadable',
  /** Signed, but To and Cc do not name the reply address it came for: proves nothing of that report. */
  notAddressed: 'to=unaddressed',
  fromMany: (count: number) => `from.count=${count}`,
  noResults: (server: string) => `${server}: absent`,
  emptyResults: (server: string) => `${server}: none`,
  /** Signed longer ago than received mail is kept (signature-age.ts): likely an old one sent again. */
  signatureOld: 'dkim.t=old',
} as const;

const PROOF_WORDS: readonly [RegExp, (match: RegExpExecArray) => HeldWords][] = [
  [/^auth=none$/, () => ({ key: 'mail.held-reply.proof.unchecked' })],
  [/^from=unreadable$/, () => ({ key: 'mail.held-reply.proof.fromUnreadable' })],
  [/^to=unaddressed$/, () => ({ key: 'mail.held-reply.proof.notAddressed' })],
  [/^dkim\.t=old$/, () => ({ key: 'mail.held-reply.proof.signatureOld' })],
  [
    /^from\.count=(\d+)$/,
    (m) => ({ key: 'mail.held-reply.proof.fromMany', params: { count: Number(m[1]) } }),
  ],
  [/^(\S+): absent$/, (m) => ({ key: 'mail.held-reply.proof.noResults', params: { server: m[1]! } })],
  [/^(\S+): none$/, (m) => ({ key: 'mail.held-reply.proof.emptyResults', params: { server: m[1]! } })],
];

/** The kinds of private detail a reply may not publish (mask.ts's MaskKind), each with its words. */
const LEAK_KINDS = new Set(['own-link', 'reply-address', 'reporter-contact']);

/**
 * What the detail of a held reply's reason says, in catalog keys: the sender check's findings
 * (not_proven) or the kinds of private detail found (private_details). Undefined where the detail
 * is not one Tilts writes (a message held before this wording), shown then as stored.
 */
export function heldDetailWords(code: string, detail: string): HeldWords[] | undefined {
  if (code === 'private_details') {
    const kinds = detail.split(', ');
    if (!kinds.every((kind) => LEAK_KINDS.has(kind))) return undefined;
    return kinds.map((kind) => ({ key: `mail.held-reply.leaks.${kind}` }));
  }
  if (code !== 'not_proven') return undefined;
  const words = proofWords(detail);
  return words ? [words] : undefined;
}

/** The sender check's findings (SenderProof's summary) in catalog keys; undefined if not Tilts's own. */
export function proofWords(summary: string): HeldWords | undefined {
  for (const [pattern, words] of PROOF_WORDS) {
    const match = pattern.exec(summary);
    if (match) return words(match);
  }
  if (/^(?:\S+: )?[a-z]+=\S+(?: [a-z.]+=\S+)*$/.test(summary)) {
    return { key: 'mail.held-reply.proof.results', params: { results: summary } };
  }
  return undefined;
}
