import type { Knex } from 'knex';
import type { AuditRepository } from '../../audit/repository.js';
import type { RawMailStore } from '../../inbound/raw-store.js';
import { coversParish } from '../../staff/access.js';
import type { StaffUser } from '../../staff/types.js';
import type { OfferStatus } from '../types.js';
import { offerCsv, offerJson } from './export.js';
import type { HelpOfferRepository, OfferRecord } from './repository.js';
import type { StopMatches } from './service.js';
import type { MatchDisclosures } from '../matching/disclosures.js';
import type { StaffOfferMatches } from '../matching/staff-offer-matches.js';

export const STAFF_FILTERS = ['active', 'paused', 'unconfirmed', 'withdrawn', 'all'] as const;
export type StaffFilter = (typeof STAFF_FILTERS)[number];
export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const LIST_LIMIT = 500;

type Who = Pick<StaffUser, 'id' | 'role' | 'parishes'>;

/**
 * Who may see an offer: admins every one, social workers those covering one of their parishes
 * (they are the bridge to the volunteer). Nobody else: offers are not reports.
 */
export function canSeeOffer(
  user: Pick<StaffUser, 'role' | 'parishes'>,
  offer: Pick<OfferRecord, 'parishes'>,
) {
  if (user.role === 'admin') return true;
  return user.role === 'social_worker' && offer.parishes.some((parish) => coversParish(user, parish));
}

export interface ExportedOffer {
  filename: string;
  contentType: string;
  body: string;
}

export interface StaffHelpOfferDeps {
  knex: Knex;
  offers: Pick<HelpOfferRepository, 'inScope' | 'byId' | 'erase'>;
  audit: Pick<AuditRepository, 'append'>;
  stopMatches: StopMatches;
  /** The offer's matches as its export gives them. */
  disclosures: Pick<MatchDisclosures, 'ofOffer'>;
  /** The matches the offer's staff page lists to a member: those of requests they may open. */
  shownMatches: Pick<StaffOfferMatches, 'list'>;
  /** The raw inbound mail files about an erased volunteer go once the erasure is committed. */
  rawMail: Pick<RawMailStore, 'delete'>;
  clock: () => Date;
}

/** Offers in the staff workspace: the list of one's parishes, an offer, its export and erasure. */
export class StaffHelpOfferService {
  constructor(private readonly deps: StaffHelpOfferDeps) {}

  async list(user: Who, status: StaffFilter): Promise<OfferRecord[]> {
    if (user.role !== 'admin' && user.role !== 'social_worker') return [];
    return this.deps.offers.inScope(user.parishes, status as OfferStatus | 'all', LIST_LIMIT);
  }

  /** The offer, when this person may see it; otherwise nothing, as if it did not exist. */
  async detail(user: Who, id: number): Promise<OfferRecord | undefined> {
    const offer = await this.deps.offers.byId(id);
    return offer && canSeeOffer(user, offer) ? offer : undefined;
  }

  /**
   * The volunteer's data as a download; taking it is in the audit log (what, never the data). An
   * administrator's has every match; a social worker's those its page lists them, of requests they
   * may open: another parish's asker (named once the contacts went) is not theirs to learn of.
   */
  async export(
    user: StaffUser,
    id: number,
    format: ExportFormat,
    ip: string,
  ): Promise<ExportedOffer | undefined> {
    const offer = await this.detail(user, id);
    if (!offer) return undefined;
    const now = this.deps.clock();
    const all = await this.deps.disclosures.ofOffer(id);
    const shown =
      user.role === 'admin'
        ? undefined
        : new Set((await this.deps.shownMatches.list(user, id)).map((match) => match.id));
    const matches = shown ? all.filter((match) => shown.has(match.id)) : all;
    await this.deps.audit.append(
      this.deps.knex,
      {
        staffId: user.id,
        action: 'help_offer.export',
        objectType: 'help_offer',
        objectId: id,
        after: { format },
        ip,
      },
      now,
    );
    return format === 'json'
      ? {
          filename: `help-offer-${id}.json`,
          contentType: 'application/json; charset=utf-8',
          body: offerJson(offer, matches, now),
        }
      : {
          filename: `help-offer-${id}.csv`,
          contentType: 'text/csv; charset=utf-8',
          body: offerCsv(offer, matches),
        };
  }

  /**
   * Erases the volunteer, on their request: the row stays for the statistics, the person goes.
   * The audit row names the offer and its status, never what was erased.
   */
  async erase(user: Who, id: number, ip: string): Promise<'erased' | 'already' | undefined> {
    const offer = await this.detail(user, id);
    if (!offer) return undefined;
    const now = this.deps.clock();
    const rawKeys: string[] = [];
    const done = await this.deps.knex.transaction(async (trx) => {
      if (!(await this.deps.offers.erase(trx, id, now, rawKeys))) return 'already' as const;
      await this.deps.stopMatches(trx, id, 'erased');
      await this.deps.audit.append(
        trx,
        {
          staffId: user.id,
          action: 'help_offer.erase',
          objectType: 'help_offer',
          objectId: id,
          before: { status: offer.status },
          after: { status: 'withdrawn', erased: true },
          ip,
        },
        now,
      );
      return 'erased' as const;
    });
    for (const key of rawKeys) await this.deps.rawMail.delete(key);
    return done;
  }
}
