import type { Knex } from 'knex';
import { affectedRows } from '../../db/affected.js';
import type { Queryable } from '../../db/transaction.js';
import { storedAddress, storedAddressOrNull } from '../../mail/address-key.js';
import type { HelpKind, HelpOffer, OfferStatus } from '../types.js';
import { eraseVolunteer } from './erasure.js';
import { sameCodes } from './resend.js';
import {
  OFFERS,
  OFFER_KINDS,
  OFFER_PARISHES,
  detailColumns,
  ids,
  rowToOffer,
  statusColumns,
  type OfferDetails,
  type OfferRecord,
  type OfferRow,
  type StatusChange,
} from './rows.js';

export type { OfferDetails, OfferRecord, StatusChange } from './rows.js';

/** The unique index on the forms' submission keys (the help_submission_keys migration). */
export const SUBMISSION_KEY_INDEX = 'help_offers_submission_key_unique';

/** Volunteers' offers with the kinds of help and the parishes of each. */
export class HelpOfferRepository {
  constructor(private readonly knex: Knex) {}

  /** A new unconfirmed offer; `submissionKey` is the form's (unique: SUBMISSION_KEY_INDEX). */
  async insert(
    trx: Queryable,
    offer: OfferDetails & { language: HelpOffer['language'] },
    now: Date,
    submissionKey: string | null = null,
  ) {
    const [row] = (await trx(OFFERS)
      .insert({
        ...detailColumns(offer),
        status: 'unconfirmed',
        language: offer.language,
        submission_key: submissionKey,
        created_at: now,
        updated_at: now,
      })
      .returning('*')) as OfferRow[];
    await this.replaceCodes(trx, row!.id, offer);
    return rowToOffer(row!, offer.kinds, offer.parishes);
  }

  /** The state of the offer a form with this submission key made, if one did. */
  async statusBySubmissionKey(key: string, db: Queryable = this.knex): Promise<OfferStatus | undefined> {
    const row = (await db(OFFERS).where({ submission_key: key }).first('status')) as
      { status: OfferStatus } | undefined;
    return row?.status;
  }

  /**
   * The offer this form made if it was sent already since `since`: the same address (in any case)
   * and every other field alike, still unconfirmed or confirmed, neither withdrawn nor erased
   * (`HelpOfferService.create`). Found by the address's index (help_offers_email_lower).
   */
  async sameForm(db: Queryable, details: OfferDetails, since: Date): Promise<OfferRecord | undefined> {
    // `email` as it is kept (storedAddress); lower() stays for the index alone.
    const { email, phone, ...columns } = detailColumns(details);
    const rows = (await db(OFFERS)
      .whereRaw('lower(email) = lower(?)', [email])
      .where(columns)
      .whereRaw('phone is not distinct from ?::text', [phone])
      .whereIn('status', ['unconfirmed', 'active', 'paused'])
      .whereNull('withdrawn_at')
      .whereNull('erased_at')
      .where('created_at', '>=', since)
      .orderBy('id', 'desc')) as OfferRow[];
    const offers = await this.withCodes(db, rows);
    return offers.find(
      (offer) => sameCodes(offer.kinds, details.kinds) && sameCodes(offer.parishes, details.parishes),
    );
  }

  /** One offer with its kinds and parishes; `forUpdate` locks it for the caller's transaction. */
  async byId(id: number, db: Queryable = this.knex, forUpdate = false): Promise<OfferRecord | undefined> {
    if (!Number.isSafeInteger(id) || id <= 0) return undefined;
    const query = db(OFFERS).where({ id });
    if (forUpdate) void query.forUpdate();
    const rows = (await query) as OfferRow[];
    return (await this.withCodes(db, rows))[0];
  }

  /** Active offers that cover a parish, for matching; oldest confirmation first. */
  async activeCovering(parishCode: string, db: Queryable = this.knex): Promise<OfferRecord[]> {
    const rows = (await db(`${OFFERS} as o`)
      .where('o.status', 'active')
      .whereNull('o.erased_at')
      .whereExists(
        db(`${OFFER_PARISHES} as p`).whereRaw('p.offer_id = o.id').where('p.parish_code', parishCode),
      )
      .select('o.*')
      .orderBy('o.confirmed_at')
      .orderBy('o.id')) as OfferRow[];
    return this.withCodes(db, rows);
  }

  async updateDetails(trx: Queryable, id: number, details: OfferDetails, now: Date): Promise<void> {
    await trx(OFFERS)
      .where({ id })
      .update({ ...detailColumns(details), updated_at: now });
    await this.replaceCodes(trx, id, details);
  }

  /** A new address to prove (or none): the offer's own stays until the link sent to it is opened. */
  async setPendingEmail(trx: Queryable, id: number, email: string | null, now: Date): Promise<void> {
    await trx(OFFERS)
      .where({ id })
      .whereNull('erased_at')
      .update({ pending_email: storedAddressOrNull(email), updated_at: now });
  }

  /** The proven new address becomes the offer's. */
  async usePendingEmail(trx: Queryable, id: number, email: string, now: Date): Promise<void> {
    await trx(OFFERS)
      .where({ id, pending_email: storedAddress(email) })
      .whereNull('erased_at')
      .update({ email: storedAddress(email), pending_email: null, updated_at: now });
  }

  /** Moves an offer to a state, but only from one of `from`; false when it was in none of them. */
  async setStatus(
    trx: Queryable,
    id: number,
    from: readonly OfferStatus[],
    change: StatusChange,
    now: Date,
  ): Promise<boolean> {
    const updated = await trx(OFFERS)
      .where({ id })
      .whereIn('status', [...from])
      .whereNull('erased_at')
      .update({ ...statusColumns(change), updated_at: now });
    return affectedRows(updated) > 0;
  }

  /** Active offers whose last confirmation or answer is older than `cutoff`, and not yet asked. */
  async dueForCheck(cutoff: Date, limit: number): Promise<number[]> {
    return ids(
      (await this.knex(OFFERS)
        .where('status', 'active')
        .whereNull('check_sent_at')
        .whereNull('erased_at')
        .whereRaw('coalesce(checked_at, confirmed_at) <= ?', [cutoff])
        .select('id')
        .orderBy('id')
        .limit(limit)) as { id: number }[],
    );
  }

  /** Active offers asked "still available?" before `cutoff` and not answered since. */
  async unansweredChecks(cutoff: Date, limit: number): Promise<number[]> {
    return ids(
      (await this.knex(OFFERS)
        .where('status', 'active')
        .where('check_sent_at', '<=', cutoff)
        .whereNull('erased_at')
        .select('id')
        .orderBy('id')
        .limit(limit)) as { id: number }[],
    );
  }

  /** Offers nobody confirmed since `cutoff` and that no match ever named. */
  async staleUnconfirmed(cutoff: Date, limit: number): Promise<number[]> {
    return ids(
      (await this.knex(`${OFFERS} as o`)
        .where('o.status', 'unconfirmed')
        .where('o.created_at', '<', cutoff)
        .whereNotExists(this.knex('help_matches as m').whereRaw('m.offer_id = o.id'))
        .select('o.id')
        .orderBy('o.id')
        .limit(limit)) as { id: number }[],
    );
  }

  async deleteOffers(offerIds: readonly number[]): Promise<void> {
    if (offerIds.length === 0) return;
    await this.knex(OFFERS)
      .whereIn('id', [...offerIds])
      .where('status', 'unconfirmed')
      .delete();
  }

  /** Active offers per apvienība and kind: an offer counts once in each apvienība it covers. */
  async activeCounts(): Promise<{ apvienibaCode: string; kind: HelpKind; count: number }[]> {
    const rows = (await this.knex(`${OFFERS} as o`)
      .join(`${OFFER_KINDS} as k`, 'k.offer_id', 'o.id')
      .join(`${OFFER_PARISHES} as op`, 'op.offer_id', 'o.id')
      .join('parishes as p', 'p.code', 'op.parish_code')
      .where('o.status', 'active')
      .whereNull('o.erased_at')
      .groupBy('p.apvieniba_code', 'k.kind')
      .select('p.apvieniba_code', 'k.kind')
      .countDistinct({ n: 'o.id' })) as { apvieniba_code: string; kind: HelpKind; n: number | string }[];
    return rows.map((row) => ({ apvienibaCode: row.apvieniba_code, kind: row.kind, count: Number(row.n) }));
  }

  /** Every active offer, counted once (the novads-wide total). */
  async activeTotal(): Promise<number> {
    const row = (await this.knex(OFFERS)
      .where('status', 'active')
      .whereNull('erased_at')
      .count({ n: '*' })
      .first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  /** Active organisations that chose to be listed on /help, by name. */
  async listedOrganisations(): Promise<OfferRecord[]> {
    const rows = (await this.knex(OFFERS)
      .where({ status: 'active', offered_by: 'organisation', listed: true })
      .whereNull('erased_at')
      .orderBy('name')) as OfferRow[];
    return this.withCodes(this.knex, rows);
  }

  /** Offers covering any of `parishes` (or all), in a status (or any), newest first. */
  async inScope(
    parishes: readonly string[] | 'all',
    status: OfferStatus | 'all',
    limit: number,
  ): Promise<OfferRecord[]> {
    const { knex } = this;
    const query = knex(`${OFFERS} as o`).select('o.*').orderBy('o.id', 'desc').limit(limit);
    if (status !== 'all') void query.where('o.status', status);
    if (parishes !== 'all')
      void query.whereExists(
        knex(`${OFFER_PARISHES} as p`)
          .whereRaw('p.offer_id = o.id')
          .whereIn('p.parish_code', [...parishes]),
      );
    return this.withCodes(knex, (await query) as OfferRow[]);
  }

  /** Erases the volunteer of an offer: what stays and what goes is `eraseVolunteer`'s (erasure.ts). */
  erase(trx: Queryable, id: number, now: Date, rawKeys: string[]): Promise<boolean> {
    return eraseVolunteer(trx, id, now, rawKeys);
  }

  private async replaceCodes(trx: Queryable, id: number, codes: Pick<OfferDetails, 'kinds' | 'parishes'>) {
    await trx(OFFER_KINDS).where({ offer_id: id }).delete();
    await trx(OFFER_PARISHES).where({ offer_id: id }).delete();
    await trx(OFFER_KINDS).insert([...new Set(codes.kinds)].map((kind) => ({ offer_id: id, kind })));
    await trx(OFFER_PARISHES).insert(
      [...new Set(codes.parishes)].map((parish) => ({ offer_id: id, parish_code: parish })),
    );
  }

  private async withCodes(db: Queryable, rows: OfferRow[]): Promise<OfferRecord[]> {
    if (rows.length === 0) return [];
    const offerIds = rows.map((row) => row.id);
    const [kinds, parishes] = [
      (await db(OFFER_KINDS).whereIn('offer_id', offerIds).select('offer_id', 'kind')) as {
        offer_id: number;
        kind: HelpKind;
      }[],
      (await db(OFFER_PARISHES).whereIn('offer_id', offerIds).select('offer_id', 'parish_code')) as {
        offer_id: number;
        parish_code: string;
      }[],
    ];
    return rows.map((row) =>
      rowToOffer(
        row,
        kinds.filter((kind) => kind.offer_id === row.id).map((kind) => kind.kind),
        parishes.filter((parish) => parish.offer_id === row.id).map((parish) => parish.parish_code),
      ),
    );
  }
}
