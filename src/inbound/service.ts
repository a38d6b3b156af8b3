import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { classifyMail } from '../mail/inbound/classify.js';
import { parseInboundMail, type InboundMail } from '../mail/inbound/inbound-mail.js';
import { replyAddresses } from '../mail/inbound/reply-address.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from '../mail/retry-policy.js';
import type { Notifier } from '../notifications/notifier.js';
import type { AutoReplyHandler } from './auto-replies.js';
import type { BounceHandler } from './bounces.js';
import type { RawMailStore } from './raw-store.js';
import type { InboundResult } from './handled.js';
import type { ReplyHandler } from './replies.js';
import type { Envelope } from './envelope.js';
import { headerRecipients } from './header-recipients.js';
import type { InboundRecord, InboundRepository, InboundSource } from './repository.js';

export type { InboundResult } from './handled.js';

export interface InboundServiceDeps {
  knex: Knex;
  inbound: InboundRepository;
  store: RawMailStore;
  replies: Pick<ReplyHandler, 'handle'>;
  bounces: Pick<BounceHandler, 'handle'>;
  autoReplies: Pick<AutoReplyHandler, 'handle'>;
  alerts: Pick<Notifier, 'alertAdmins'>;
  logger: Logger;
  clock: () => Date;
  /** The domain of reply addresses (INBOUND_DOMAIN): an envelope's recipients there are deliveries. */
  domain: string;
  /** Backoff of failed messages; by default the outbox's: 1 minute doubling to 4 hours, 12 tries. */
  retryPolicy?: RetryPolicy;
}

// A stored message that was never read (the process died) is picked up after this long.
const FIRST_LEASE_MS = 5 * 60_000;
const RETRY_LEASE_MS = 10 * 60_000;
const PURGE_BATCH = 200;

/** Message-ID from a header section (unfolded, angle brackets removed); undefined when it has none. */
export function messageIdOf(head: string): string | undefined {
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const id = /^message-id:[ \t]*<?([^<>\s]{1,300})>?/im.exec(unfolded)?.[1];
  return id || undefined;
}

/**
 * The deliveries an envelope asks for: one per reply address among its recipients, each with an
 * envelope naming that one (and any other recipient); one with the envelope as it is when it names
 * none or one, or when there is none (the webhook's messages).
 */
export function envelopeDeliveries(
  envelope: Envelope | undefined,
  domain: string,
): { to?: string; envelope?: Envelope }[] {
  const rcptTo = envelope?.rcptTo ?? [];
  const ours = replyAddresses(rcptTo, domain);
  if (!envelope || ours.length === 0) return [envelope ? { envelope } : {}];
  if (ours.length === 1) return [{ to: ours[0]!, envelope }];
  const others = rcptTo.filter((address) => !ours.includes(address.trim().toLowerCase()));
  return ours.map((to) => ({ to, envelope: { ...envelope, rcptTo: [to, ...others] } }));
}

/** A delivery's duplicate key: the message's, and the reply address it was delivered for. */
function deliveryKey(base: string, to: string | undefined): string {
  if (to === undefined) return base;
  const key = `${base} to ${to}`;
  return key.length <= 300 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * Both doors (SMTP and webhook) hand messages here. A message is stored first, exactly as it
 * came, and recorded once (by Message-ID, or by its hash; once for each reply address its SMTP
 * envelope names, or, from the webhook, its headers name); only then is it read: robots and
 * bounces are set apart, and a reply goes to the reply handler. A message that cannot be read is
 * kept as malformed; one whose handling fails is tried again with backoff and, after the last
 * try, the admins are told. Messages are read one at a time per process, so several large messages
 * arriving together never sit in memory together.
 */
export class InboundService {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly policy: RetryPolicy;

  constructor(private readonly deps: InboundServiceDeps) {
    this.policy = deps.retryPolicy ?? DEFAULT_RETRY_POLICY;
  }

  /** Stores a message from a door and reads it; the door answers once this resolves. */
  async receive(
    source: InboundSource,
    body: AsyncIterable<Buffer | string>,
    options: { envelope?: Envelope; prefix?: Buffer } = {},
  ): Promise<InboundResult> {
    // Nothing here can be refused (no `proven`): what is not recorded was a duplicate.
    const stored = await this.store(source, body, options);
    if (!('id' in stored)) return { outcome: 'duplicate' };
    const first = await this.process(stored.id);
    for (const id of stored.more) await this.process(id);
    return first;
  }

  /**
   * Writes a message to storage and records it, unless `proven` (asked once the whole body is
   * written, e.g. a webhook's HMAC of it) says no: then nothing is recorded, so a forged post
   * carrying a genuine message's Message-ID cannot make the genuine one a duplicate.
   */
  async store(
    source: InboundSource,
    body: AsyncIterable<Buffer | string>,
    options: { envelope?: Envelope; prefix?: Buffer; proven?: () => boolean } = {},
  ): Promise<{ id: number; more: number[]; duplicate: false } | { duplicate: true } | { refused: true }> {
    const raw = await this.deps.store.write(body, options.prefix);
    if (options.proven && !options.proven()) {
      await this.deps.store.delete(raw.key);
      return { refused: true };
    }
    const messageId = messageIdOf(raw.head);
    const now = this.deps.clock();
    const base = messageId ?? `sha256:${raw.sha256}`;
    // One delivery for each reply address the envelope names (one email answering two reports),
    // each with its own copy and its own duplicate check: a mail server that hands the same message
    // over once per recipient, or again after a lost answer, is neither dropped nor counted twice.
    const deliveries = envelopeDeliveries(
      options.envelope ?? (await this.headerEnvelope(raw.head)),
      this.deps.domain,
    );
    const copies = [raw];
    while (copies.length < deliveries.length) copies.push(await this.deps.store.copy(raw));
    const ids: number[] = [];
    for (const [index, delivery] of deliveries.entries()) {
      const copy = copies[index]!;
      const id = await this.deps.inbound.insertReceived(
        {
          dedupeKey: deliveryKey(base, delivery.to),
          messageId,
          source,
          ...(delivery.envelope ? { envelope: delivery.envelope } : {}),
        },
        copy,
        now,
        new Date(now.getTime() + FIRST_LEASE_MS),
      );
      if (id === undefined) await this.deps.store.delete(copy.key);
      else ids.push(id);
    }
    const [id, ...more] = ids;
    return id === undefined ? { duplicate: true } : { id, more, duplicate: false };
  }

  /**
   * The envelope of a message that came with none (the webhook's): the reply addresses its headers
   * name (header-recipients.ts), each then a delivery of its own as at the SMTP door. Undefined
   * when they name none, or cannot be read (the message is read whole later, and kept as malformed).
   */
  private async headerEnvelope(head: string): Promise<Envelope | undefined> {
    try {
      const rcptTo = await headerRecipients(head, this.deps.domain);
      return rcptTo.length > 0 ? { rcptTo } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Reads a stored message (after any message this process is reading now). */
  process(id: number): Promise<InboundResult> {
    const run = this.queue.then(() => this.processNow(id));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The scheduler's turn: messages never read, or whose last try failed, that are due again. */
  async retryDue(limit = 20): Promise<number> {
    const now = this.deps.clock();
    const ids = await this.deps.inbound.claimDue(now, new Date(now.getTime() + RETRY_LEASE_MS), limit);
    for (const id of ids) await this.process(id);
    return ids.length;
  }

  /** Deletes raw messages received before `before` (their rows and outcomes stay). */
  async purgeRaw(before: Date): Promise<number> {
    let purged = 0;
    for (;;) {
      const keys = await this.deps.inbound.purgeRaw(before, this.deps.clock(), PURGE_BATCH);
      for (const key of keys) await this.deps.store.delete(key);
      purged += keys.length;
      if (keys.length < PURGE_BATCH) return purged;
    }
  }

  private async processNow(id: number): Promise<InboundResult> {
    const { inbound, logger } = this.deps;
    const record = await inbound.find(id);
    if (!record || (record.outcome !== 'received' && record.outcome !== 'failed')) {
      return { outcome: record?.outcome ?? 'failed' };
    }
    const raw = record.rawKey ? await this.deps.store.read(record.rawKey) : await inbound.legacyRaw(id);
    if (!raw) {
      await inbound.settle(
        this.deps.knex,
        id,
        { outcome: 'failed', detail: 'the raw message is gone' },
        this.deps.clock(),
      );
      return { outcome: 'failed' };
    }
    let mail: InboundMail;
    try {
      mail = await parseInboundMail(raw);
    } catch (error) {
      logger.warn({ err: error, inboundId: id }, 'inbound message could not be read; kept as malformed');
      await inbound.settle(
        this.deps.knex,
        id,
        { outcome: 'malformed', detail: String(error) },
        this.deps.clock(),
      );
      return { outcome: 'malformed' };
    }
    try {
      return await this.handle({ id, raw, mail, envelope: record.envelope });
    } catch (error) {
      return this.failed(record, error);
    }
  }

  private async handle(message: { id: number; raw: Buffer; mail: InboundMail; envelope: Envelope | null }) {
    const classification = classifyMail(message.mail);
    if (classification.kind === 'auto-reply')
      return this.deps.autoReplies.handle(message, classification.signal);
    if (classification.kind === 'bounce') return this.deps.bounces.handle(message, classification.bounces);
    return this.deps.replies.handle(message);
  }

  private async failed(record: InboundRecord, error: unknown): Promise<InboundResult> {
    const now = this.deps.clock();
    const attempts = record.attempts + 1;
    const last = attempts >= this.policy.maxAttempts;
    const retryAt = last ? null : new Date(now.getTime() + retryDelayMs(attempts, this.policy));
    const detail = error instanceof Error ? error.message : String(error);
    if (!(await this.deps.inbound.failed(record.id, attempts, retryAt, detail, now))) {
      // Settled before the failure (what threw came after its transaction): it stays settled.
      this.deps.logger.error(
        { err: error, inboundId: record.id },
        'inbound message failed after it was settled',
      );
      return { outcome: (await this.deps.inbound.find(record.id))?.outcome ?? 'failed' };
    }
    this.deps.logger.error({ err: error, inboundId: record.id, attempts, retryAt }, 'inbound message failed');
    if (last) {
      await this.deps.alerts.alertAdmins(this.deps.knex, {
        kind: 'inbound-alert',
        data: { inboundId: record.id, attempts, error: detail.slice(0, 500), receivedAt: record.receivedAt },
      });
    }
    return { outcome: 'failed' };
  }
}
