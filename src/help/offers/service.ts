import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';
import type { Language } from '../../i18n/index.js';
import type { MailQueue } from '../../mail/outbox.js';
import type { ReferenceService } from '../../reference/service.js';
import type { HelpOfferEmails, OfferEmailView } from './emails.js';
import { CONFIRM_VALID_MS, type HelpOfferLinks } from './links.js';
import type { HelpOfferRepository, OfferDetails, OfferRecord, StatusChange } from './repository.js';
import type { OfferStatus } from '../types.js';

export type ConfirmResult =
  { outcome: 'confirmed' | 'already'; offer: OfferRecord } | { outcome: 'expired' | 'invalid' };

export const OWNER_ACTIONS = ['pause', 'resume', 'withdraw'] as const;
export type OwnerAction = (typeof OWNER_ACTIONS)[number];

/** What each of the volunteer's buttons does: from which states, to which. */
export const ACTION_RULES: Record<OwnerAction, { from: OfferStatus[]; change: (now: Date) => StatusChange }> =
  {
    pause: { from: ['active'], change: (now) => ({ status: 'paused', pausedAt: now, checkSentAt: null }) },
    resume: {
      from: ['paused'],
      change: (now) => ({ status: 'active', pausedAt: null, checkedAt: now, checkSentAt: null }),
    },
    withdraw: {
      from: ['unconfirmed', 'active', 'paused'],
      change: (now) => ({ status: 'withdrawn', withdrawnAt: now, checkSentAt: null }),
    },
  };

export interface HelpOfferMailDeps {
  mail: MailQueue;
  links: HelpOfferLinks;
  reference: Pick<ReferenceService, 'parishes'>;
}

/** The emails to a volunteer, in their language, written in the caller's transaction. */
export class HelpOfferMail {
  constructor(private readonly deps: HelpOfferMailDeps) {}

  async view(offer: Pick<OfferRecord, 'kinds' | 'parishes'>, language: Language): Promise<OfferEmailView> {
    const parishes = await this.deps.reference.parishes();
    return {
      kinds: [...offer.kinds],
      places: parishes.filter((parish) => offer.parishes.includes(parish.code)).map((p) => p.names[language]),
    };
  }

  async send<T extends keyof HelpOfferEmails>(
    trx: Queryable,
    offer: OfferRecord,
    template: T,
    data: Omit<HelpOfferEmails[T], 'offer' | 'name' | 'manageUrl'>,
  ): Promise<void> {
    await this.deps.mail.enqueue(trx, {
      kind: template,
      to: { email: offer.email, name: offer.name },
      language: offer.language,
      template,
      helpOfferId: offer.id,
      data: {
        ...data,
        name: offer.name,
        offer: await this.view(offer, offer.language),
        // Until the address is proven, nothing but the confirmation link goes to it.
        ...(template === 'help-offer-confirm' ? {} : { manageUrl: this.deps.links.manage(offer.id) }),
      },
    });
  }
}

/**
 * Stops, in the transaction that withdraws or erases an offer, its matches that have not shared
 * contacts yet (matching's `MatchFlow.stopForOffer`), so the social worker hears of it at once.
 */
export type StopMatches = (trx: Knex.Transaction, offerId: number) => Promise<unknown>;

export interface HelpOfferServiceDeps {
  knex: Knex;
  offers: Pick<HelpOfferRepository, 'insert' | 'byId' | 'updateDetails' | 'setStatus'>;
  links: HelpOfferLinks;
  mail: HelpOfferMail;
  stopMatches: StopMatches;
  clock: () => Date;
}

/**
 * A volunteer's offer: made by the form and confirmed by its emailed link, then managed by its
 * owner through their private link (edit, pause, resume, withdraw).
 */
export class HelpOfferService {
  constructor(private readonly deps: HelpOfferServiceDeps) {}

  /** Saves a new offer as unconfirmed and queues the email whose link confirms it. */
  async create(details: OfferDetails, language: Language): Promise<OfferRecord> {
    const { knex, offers, links, clock } = this.deps;
    const now = clock();
    const expiresAt = new Date(now.getTime() + CONFIRM_VALID_MS);
    return knex.transaction(async (trx) => {
      const offer = await offers.insert(trx, { ...details, language }, now);
      await this.deps.mail.send(trx, offer, 'help-offer-confirm', {
        confirmUrl: links.confirm(links.confirmToken(offer.id, expiresAt)),
        expiresAt,
      });
      return offer;
    });
  }

  /**
   * Confirms an offer by its emailed token: it becomes active and its owner gets their private
   * link. Confirming again changes nothing and says so, expired or not.
   */
  async confirm(token: string): Promise<ConfirmResult> {
    const { knex, offers, links, clock } = this.deps;
    const now = clock();
    const read = links.readConfirm(token, now);
    if (read.id === undefined) return { outcome: 'invalid' };
    const id = read.id;
    return knex.transaction(async (trx): Promise<ConfirmResult> => {
      const offer = await offers.byId(id, trx, true);
      if (!offer || offer.erasedAt) return { outcome: 'invalid' };
      if (offer.status !== 'unconfirmed') return { outcome: 'already', offer };
      if (!read.ok) return { outcome: read.reason };
      await offers.setStatus(trx, id, ['unconfirmed'], { status: 'active', confirmedAt: now }, now);
      const confirmed: OfferRecord = { ...offer, status: 'active', confirmedAt: now };
      await this.deps.mail.send(trx, confirmed, 'help-offer-active', {});
      return { outcome: 'confirmed', offer: confirmed };
    });
  }

  /** The offer behind an owner's private link; nothing for a wrong token or an erased offer. */
  async owned(id: number, token: unknown, db?: Queryable): Promise<OfferRecord | undefined> {
    if (!this.deps.links.isManageToken(id, token)) return undefined;
    const offer = await this.deps.offers.byId(id, db);
    return offer && !offer.erasedAt ? offer : undefined;
  }

  /**
   * The owner's changes to their offer. An edit is a sign of life: it answers an open
   * "still available?". A new address gets the private link, so it is reached from now on.
   */
  async update(id: number, token: unknown, details: OfferDetails): Promise<OfferRecord | undefined> {
    const { knex, offers, clock } = this.deps;
    const now = clock();
    return knex.transaction(async (trx) => {
      const offer = await this.owned(id, token, trx);
      if (!offer || offer.status === 'withdrawn') return undefined;
      await offers.updateDetails(trx, id, details, now);
      await offers.setStatus(trx, id, ['active'], { checkedAt: now, checkSentAt: null }, now);
      const after = (await offers.byId(id, trx))!;
      if (after.email.toLowerCase() !== offer.email.toLowerCase())
        await this.deps.mail.send(trx, after, 'help-offer-active', {});
      return after;
    });
  }

  /** Pause, resume or withdraw: `changed` is false when the offer was not in a state for it. */
  async act(
    id: number,
    token: unknown,
    action: OwnerAction,
  ): Promise<{ offer: OfferRecord; changed: boolean } | undefined> {
    const { knex, offers, clock } = this.deps;
    const now = clock();
    const rule = ACTION_RULES[action];
    return knex.transaction(async (trx) => {
      const offer = await this.owned(id, token, trx);
      if (!offer) return undefined;
      const changed = await offers.setStatus(trx, id, rule.from, rule.change(now), now);
      if (changed && action === 'withdraw') await this.deps.stopMatches(trx, id);
      return { offer: (await offers.byId(id, trx))!, changed };
    });
  }
}
