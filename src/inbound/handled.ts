import type { InboundMail } from '../mail/inbound/inbound-mail.js';
import type { Envelope } from './envelope.js';
import type { InboundOutcome } from './repository.js';

/** What handling an inbound message came to, and the report it was about. */
export interface InboundResult {
  outcome: InboundOutcome | 'duplicate';
  reportRef?: string;
}

/** A message as the pipeline hands it to a handler: stored, read, and its row. */
export interface Received {
  id: number;
  raw: Buffer;
  mail: InboundMail;
  envelope: Envelope | null;
}
