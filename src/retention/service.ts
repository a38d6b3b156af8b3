import type { Knex } from 'knex';
import type { HelpOfferRepository } from '../help/offers/repository.js';
import type { HelpRequestRepository } from '../help/requests/repository.js';
import type { RawMailStore } from '../inbound/raw-store.js';
import type { PhotoService } from '../photos/service.js';
import type { RetentionRepository } from './repository.js';

const DAY_MS = 86_400_000;
/**
 * How long an address that never confirmed its alert or follow, or unsubscribed, is kept: long
 * past its confirmation link (7 days), so such a link never finds its row gone while it works.
 */
export const LAPSED_ADDRESS_DAYS = 30;
/** Reports done in one transaction each, so many at a time: a run stops after this many. */
const BATCH = 200;

export interface RetentionDeps {
  knex: Knex;
  retention: RetentionRepository;
  requests: Pick<HelpRequestRepository, 'erase'>;
  offers: Pick<HelpOfferRepository, 'erase'>;
  photos: Pick<PhotoService, 'removeStored'>;
  rawMail: Pick<RawMailStore, 'delete'>;
  /** `REPORT_RETENTION_DAYS`: how long after a report's last change its personal data stays. */
  days: number;
  clock: () => Date;
}

/**
 * The privacy notice's promise kept on a schedule: a report resolved or closed longer ago than the
 * configured days, and a volunteer who withdrew that long ago, lose their personal data. A public
 * report keeps its words, place, photos and history as the record of the problem; a private one
 * (a request for help, a social concern) is erased as on the person's request. The statistics,
 * which count rows and codes, stay whole. A report reopened meanwhile is not touched.
 */
export class RetentionService {
  constructor(private readonly deps: RetentionDeps) {}

  /** One run: the reports and offers now due, up to a batch of each; answers how many were done. */
  async runDue(): Promise<{ reports: number; offers: number }> {
    const now = this.deps.clock();
    const before = new Date(now.getTime() - this.deps.days * DAY_MS);
    let reports = 0;
    for (const report of await this.deps.retention.dueReports(before, BATCH))
      if (await this.anonymise(report.id, before, now)) reports += 1;
    let offers = 0;
    for (const id of await this.deps.retention.dueOffers(before, BATCH)) {
      const rawKeys: string[] = [];
      if (await this.deps.knex.transaction((trx) => this.deps.offers.erase(trx, id, now, rawKeys)))
        offers += 1;
      for (const key of rawKeys) await this.deps.rawMail.delete(key);
    }
    return { reports, offers };
  }

  /**
   * Alert and follow addresses never confirmed, or unsubscribed, LAPSED_ADDRESS_DAYS ago: deleted,
   * with the raw inbound mail about an address left with none.
   */
  async forgetLapsedAddresses(): Promise<number> {
    const now = this.deps.clock();
    const rawKeys: string[] = [];
    const removed = await this.deps.retention.forgetLapsedAddresses(
      new Date(now.getTime() - LAPSED_ADDRESS_DAYS * DAY_MS),
      now,
      rawKeys,
    );
    for (const key of rawKeys) await this.deps.rawMail.delete(key);
    return removed;
  }

  private async anonymise(id: number, before: Date, now: Date): Promise<boolean> {
    const files = await this.deps.knex.transaction(async (trx) => {
      const report = await this.deps.retention.lockDue(trx, id, before);
      if (!report) return undefined;
      if (!report.isPrivate) {
        const rawMail: string[] = [];
        await this.deps.retention.anonymisePublic(trx, id, now, rawMail);
        return { photos: [], rawMail };
      }
      const erased = await this.deps.requests.erase(trx, id, now);
      await this.deps.retention.markAnonymised(trx, id, now);
      return erased;
    });
    if (!files) return false;
    // The files go once the rows that named them are gone for good.
    await this.deps.photos.removeStored(files.photos);
    for (const key of files.rawMail) await this.deps.rawMail.delete(key);
    return true;
  }
}
