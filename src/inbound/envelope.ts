/**
 * The SMTP session as the door saw it (its recipients are where a reply may be addressed). A
 * webhook message has only `rcptTo`: the reply address its headers name that this copy is
 * delivered for (header-recipients.ts); none at all when they name none.
 */
export interface Envelope {
  clientIp?: string | undefined;
  helo?: string | undefined;
  mailFrom?: string | undefined;
  rcptTo?: string[] | undefined;
}

/** An envelope as a row holds it: JSON text on PGlite, an object from PostgreSQL's jsonb. */
export const readEnvelope = (stored: Envelope | string): Envelope =>
  typeof stored === 'string' ? (JSON.parse(stored) as Envelope) : stored;

/** The envelope without its sender (an erased address), to store. */
export function envelopeWithoutSender(envelope: Envelope): string {
  const { mailFrom: _erased, ...kept } = envelope;
  return JSON.stringify(kept);
}
