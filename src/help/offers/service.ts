import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { Language } from '../../i18n/index.js';
import type { MailQueue } from '../../mail/outbox.js';
import type { ReferenceService } from '../../reference/service.js';
import type { HelpOfferEmails, OfferEmailView } from './emails.js';
import { CONFIRM_VALID_MS, HelpOfferLinks } from './links.js';
import {
  SUBMISSION_KEY_INDEX,
  type HelpOfferRepository,
  type OfferDetails,
  type OfferRecord,
  type StatusChange,
} from './repository.js';
import type { OfferStatus } from '../types.js';
import { sameAddress, sendsAddressLink } from './address-link.js';
import { waitForSameOffer } from './resend.js';
import { resendSince } from '../../web/resend.js';

/** What an emailed link did, or (before its button is pressed) would do. */
type LinkSeen = { outcome: 'already'; offer: OfferRecord } | { outcome: 'expired' | 'invalid' | 'withdrawn' };
export type ConfirmResult = { outcome: 'confirmed'; offer: OfferRecord } | LinkSeen;
export type EmailResult = { outcome: 'changed'; offer: OfferRecord } | LinkSeen;
/** A link read without acting: `pending` is one whose button would do what it was sent for. */
export type LinkCheck = { outcome: 'pending'; offer: OfferRecord } | LinkSeen;

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
    /** Another address than the offer's: a new one being proven. */
    to = offer.email,
  ): Promise<void> {
    await this.deps.mail.enqueue(trx, {
      kind: template,
      to: { email: to, name: offer.name },
      language: offer.language,
      template,
      helpOfferId: offer.id,
      data: {
        ...data,
        name: offer.name,
        offer: await this.view(offer, offer.language),
        // Until the address is proven, nothing but the confirmation link goes to it.
        ...(template === 'help-offer-confirm' || template === 'help-offer-email'
          ? {}
          : { manageUrl: this.deps.links.manage(offer.id) }),
      },
    });
  }
}

/**
 * Stops, in the transaction that withdraws or erases an offer, its matches that have not shared
 * contacts yet (matching's `MatchFlow.stopForOffer`), so the social worker hears of it at once,
 * and why: the volunteer withdrew, or staff erased their data.
 */
export type StopMatches = (
  trx: Knex.Transaction,
  offerId: number,
  why: 'withdrawn' | 'erased',
) => Promise<unknown>;

export interface HelpOfferServiceDeps {
  knex: Knex;
  offers: Pick<
    HelpOfferRepository,
    | 'insert'
    | 'byId'
    | 'updateDetails'
    | 'setStatus'
    | 'setPendingEmail'
    | 'usePendingEmail'
    | 'statusBySubmissionKey'
    | 'sameForm'
  >;
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

  /**
   * Saves a new offer as unconfirmed and queues the email whose link confirms it. The same form
   * sent again, with its submission key or a new one (`resendOf`), even at the same moment (the
   * two wait here for each other), makes no second offer or email (`created` false).
   */
  async create(
    details: OfferDetails,
    language: Language,
    submissionKey?: string,
  ): Promise<{ created: boolean }> {
    const { knex, offers, links, clock } = this.deps;
    const now = clock();
    const expiresAt = new Date(now.getTime() + CONFIRM_VALID_MS);
    try {
      return await knex.transaction(async (trx) => {
        await waitForSameOffer(trx, details);
        if (await this.resendOf(details, trx)) return { created: false };
        const inserted = await offers.insert(trx, { ...details, language }, now, submissionKey ?? null);
        await this.deps.mail.send(trx, inserted, 'help-offer-confirm', {
          confirmUrl: links.confirm(links.confirmToken(inserted.id, expiresAt)),
          expiresAt,
        });
        return { created: true };
      });
    } catch (error) {
      if (
        submissionKey &&
        isUniqueViolation(error, SUBMISSION_KEY_INDEX) &&
        (await this.submitted(submissionKey))
      )
        return { created: false };
      throw error;
    }
  }

  /** The same form sent again (after going back to it): the offer it made in the last half hour. */
  resendOf(details: OfferDetails, db: Queryable = this.deps.knex): Promise<OfferRecord | undefined> {
    return this.deps.offers.sameForm(db, details, resendSince(this.deps.clock()));
  }

  /** The state of the offer a form with this submission key made, if it made one (one query). */
  submitted(key: string): Promise<OfferStatus | undefined> {
    return this.deps.offers.statusBySubmissionKey(key);
  }

  /** What the confirmation link would do, changing nothing: its page shows a button only if it would confirm. */
  checkConfirm(token: string): Promise<LinkCheck> {
    return this.readConfirmLink(token, this.deps.clock());
  }

  private async readConfirmLink(token: string, now: Date, trx?: Queryable): Promise<LinkCheck> {
    const read = this.deps.links.readConfirm(token, now);
    if (read.id === undefined) return { outcome: 'invalid' };
    const offer = await this.deps.offers.byId(read.id, trx, trx !== undefined);
    if (!offer || offer.erasedAt) return { outcome: 'invalid' };
    if (offer.status !== 'unconfirmed') return { outcome: 'already', offer };
    return read.ok ? { outcome: 'pending', offer } : { outcome: read.reason };
  }

  /**
   * Confirms an offer by its emailed token: it becomes active and its owner gets their private
   * link. Confirming again changes nothing and says so, expired or not.
   */
  async confirm(token: string): Promise<ConfirmResult> {
    const { knex, offers, clock } = this.deps;
    const now = clock();
    return knex.transaction(async (trx): Promise<ConfirmResult> => {
      const link = await this.readConfirmLink(token, now, trx);
      if (link.outcome !== 'pending') return link;
      const { id } = link.offer;
      await offers.setStatus(trx, id, ['unconfirmed'], { status: 'active', confirmedAt: now }, now);
      const confirmed: OfferRecord = { ...link.offer, status: 'active', confirmedAt: now };
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
   * "still available?". A new address is not taken at its word: it waits (`pendingEmail`) until
   * the link sent to it is opened, and the offer keeps writing to the proven one (a typo would
   * otherwise hand the private link, and later the contact of a person in need, to a stranger).
   */
  async update(id: number, token: unknown, details: OfferDetails): Promise<OfferRecord | undefined> {
    const { knex, offers, links, clock } = this.deps;
    const now = clock();
    return knex.transaction(async (trx) => {
      const offer = await this.owned(id, token, trx);
      if (!offer || offer.status === 'withdrawn') return undefined;
      const asked = sameAddress(offer.email, details.email) ? null : details.email;
      await offers.updateDetails(trx, id, { ...details, email: offer.email }, now);
      await offers.setStatus(trx, id, ['active'], { checkedAt: now, checkSentAt: null }, now);
      if (asked === null) {
        if (offer.pendingEmail !== null) await offers.setPendingEmail(trx, id, null, now);
      } else if (sendsAddressLink(offer, asked)) {
        await offers.setPendingEmail(trx, id, asked, now);
        const expiresAt = new Date(now.getTime() + CONFIRM_VALID_MS);
        const after = (await offers.byId(id, trx))!;
        await this.deps.mail.send(
          trx,
          after,
          'help-offer-email',
          { confirmUrl: links.email(links.emailToken(id, asked, expiresAt)), expiresAt },
          asked,
        );
      }
      return (await offers.byId(id, trx))!;
    });
  }

  /** What the new address's link would do, changing nothing: a button only if it would change the address. */
  checkEmail(token: string): Promise<LinkCheck> {
    return this.readEmailLink(token, this.deps.clock());
  }

  private async readEmailLink(token: string, now: Date, trx?: Queryable): Promise<LinkCheck> {
    const read = this.deps.links.readEmail(token, now);
    if (!('id' in read)) return { outcome: 'invalid' };
    const offer = await this.deps.offers.byId(read.id, trx, trx !== undefined);
    if (!offer || offer.erasedAt) return { outcome: 'invalid' };
    // Its volunteer withdrew the offer since: the link says so, not that it is broken.
    if (offer.status === 'withdrawn') return read.ok ? { outcome: 'withdrawn' } : { outcome: read.reason };
    if (HelpOfferLinks.isAddress(read.address, offer.email)) return { outcome: 'already', offer };
    if (!HelpOfferLinks.isAddress(read.address, offer.pendingEmail)) return { outcome: 'invalid' };
    return read.ok ? { outcome: 'pending', offer } : { outcome: read.reason };
  }

  /**
   * The link sent to a new address, opened: it becomes the offer's address, and the private link
   * goes to it. A link for an address since replaced, or already used, changes nothing.
   */
  async confirmEmail(token: string): Promise<EmailResult> {
    const { knex, offers, clock } = this.deps;
    const now = clock();
    return knex.transaction(async (trx): Promise<EmailResult> => {
      const link = await this.readEmailLink(token, now, trx);
      if (link.outcome !== 'pending') return link;
      const { offer } = link;
      await offers.usePendingEmail(trx, offer.id, offer.pendingEmail!, now);
      const changed = (await offers.byId(offer.id, trx))!;
      // Not 'help-offer-active': a paused offer stays paused, and it was confirmed long ago.
      await this.deps.mail.send(trx, changed, 'help-offer-address', { paused: changed.status === 'paused' });
      return { outcome: 'changed', offer: changed };
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
      if (changed && action === 'withdraw') {
        await this.deps.stopMatches(trx, id, 'withdrawn');
        // A new address not yet proven is no longer wanted: its link says the offer was withdrawn.
        if (offer.pendingEmail !== null) await offers.setPendingEmail(trx, id, null, now);
      }
      return { offer: (await offers.byId(id, trx))!, changed };
    });
  }
}
