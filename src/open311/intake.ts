import crypto from 'node:crypto';
import { open311EmailKey } from '../ratelimit/address-keys.js';
import type { Knex } from 'knex';
import type { Language } from '../i18n/index.js';
import type { RateLimiter } from '../ratelimit/limiter.js';
import type { ReferenceService } from '../reference/service.js';
import type { Category, Parish } from '../reference/types.js';
import type { ReportRepository } from '../reports/repository.js';
import { reportRow, type NewReportInput } from '../reports/new-report.js';
import type { ReportService } from '../reports/service.js';
import type { Report } from '../reports/types.js';
import type { RoutingService } from '../routing/service.js';
import type { TimelineRepository } from '../timeline/repository.js';
import { Open311Error, quoted } from './errors.js';
import type { ApiKey } from './keys/repository.js';
import type { ApiKeyService } from './keys/service.js';
import { nearestParish } from '../reference/nearest-parish.js';
import type { Open311Repository } from './repository.js';
import type { Open311Service } from './service.js';
import { isOwnAddress } from '../web/own-address.js';
import { SERVICE_ATTRIBUTES } from './shapes.js';
import { fieldProblem, locationOf, readSubmission, titleOf, type Submission } from './submission.js';

const HOUR_MS = 60 * 60 * 1000;
// As the report form: one address may file five reports an hour, whatever client it uses.
const PER_EMAIL = 5;
const PER_KEY = { trusted: 3000, untrusted: 300 } as const;

export type PostAnswer =
  { service_request_id: string; service_notice: string } | { token: string; service_notice: string };

/**
 * POST requests: a key is needed. An ordinary client's request is the report form's report: saved
 * unconfirmed, and the resident confirms it by the usual email (the client gets a token). A trusted
 * partner's is confirmed and routed at once, as staff taking a report by phone, and the client gets
 * its id; a banned sender's goes the ordinary way, where confirming holds it.
 */
export class Open311Intake {
  constructor(
    private readonly deps: {
      knex: Knex;
      keys: Pick<ApiKeyService, 'verify'>;
      catalogue: Pick<Open311Service, 'publicCategories'>;
      reference: Pick<ReferenceService, 'parishes'>;
      reportService: Pick<ReportService, 'create' | 'notifyRouted'>;
      reports: Pick<ReportRepository, 'insert' | 'setStatus' | 'senderBan'>;
      timeline: Pick<TimelineRepository, 'addUpdate'>;
      routing: Pick<RoutingService, 'route'>;
      requests: Pick<Open311Repository, 'recordSubmission'>;
      limiter: Pick<RateLimiter, 'hit'>;
      clock: () => Date;
      /** The answers' notices in the client's language. */
      translate: (key: string, language: Language) => string;
      /** Tilts's own mail domain: a resident's address is never there (its mail would loop back). */
      inboundDomain: string;
    },
  ) {}

  async submit(body: Record<string, unknown>, language: Language): Promise<PostAnswer[]> {
    // A field given twice is refused before the key is read: the request cannot be read one way.
    const ambiguous = fieldProblem(body, SERVICE_ATTRIBUTES);
    if (ambiguous) throw new Open311Error(400, ambiguous.key, ambiguous.values);
    if (body.api_key === undefined || body.api_key === '') throw new Open311Error(403, 'keyRequired');
    const key = await this.deps.keys.verify(body.api_key);
    if (!key) throw new Open311Error(403, 'keyInvalid');
    const read = readSubmission(body);
    if (!read.ok) throw new Open311Error(400, read.problem.key, read.problem.values);
    const { submission } = read;
    const category = await this.category(submission.serviceCode);
    const parish = await this.parish(submission);
    if (!key.trusted && !submission.email) throw new Open311Error(400, 'emailRequired');
    if (submission.email && isOwnAddress(submission.email, this.deps.inboundDomain))
      throw new Open311Error(400, 'emailOwn');
    await this.limit(key, submission.email);
    const input = reportInput(submission, category, parish, language);
    const token = crypto.randomBytes(24).toString('base64url');
    const { translate } = this.deps;
    const banned = submission.email ? await this.deps.reports.senderBan(submission.email) : undefined;
    if (key.trusted && !banned) {
      const report = await this.createConfirmed(input, key, token);
      return [
        { service_request_id: report.ref, service_notice: translate('open311.notices.sent', language) },
      ];
    }
    await this.deps.reportService.create(input, [], (trx, report) =>
      this.deps.requests.recordSubmission(
        trx,
        { reportId: report.id, apiKeyId: key.id, token },
        this.deps.clock(),
      ),
    );
    return [{ token, service_notice: translate('open311.notices.confirm', language) }];
  }

  private async category(code: string): Promise<Category> {
    const category = (await this.deps.catalogue.publicCategories()).find((one) => one.code === code);
    // A private category is no service: it is refused exactly as an unknown code.
    if (!category) throw new Open311Error(400, 'notAService', { code: quoted(code) });
    return category;
  }

  /** The parish named, or the one whose centre is nearest the position. */
  private async parish(submission: Submission): Promise<Parish> {
    const parishes = await this.deps.reference.parishes();
    if (submission.parishCode) {
      const named = parishes.find((parish) => parish.code === submission.parishCode);
      if (!named) throw new Open311Error(400, 'parishUnknown');
      return named;
    }
    if (submission.lat === null || submission.lon === null) throw new Open311Error(400, 'parishRequired');
    const nearest = nearestParish({ lat: submission.lat, lon: submission.lon }, parishes);
    if (!nearest) throw new Open311Error(400, 'outsideNovads');
    return nearest;
  }

  private async limit(key: ApiKey, email: string | null): Promise<void> {
    const { limiter } = this.deps;
    const now = this.deps.clock();
    const perKey = key.trusted ? PER_KEY.trusted : PER_KEY.untrusted;
    if (!(await limiter.hit(`open311:key:${key.id}`, perKey, HOUR_MS, now)).allowed)
      throw new Open311Error(429, 'tooManyPerKey');
    if (email && !key.trusted) {
      const byEmail = await limiter.hit(open311EmailKey(email), PER_EMAIL, HOUR_MS, now);
      if (!byEmail.allowed) throw new Open311Error(429, 'tooManyPerEmail');
    }
  }

  /** A trusted partner's request: confirmed and routed in one transaction, as staff intake does. */
  private async createConfirmed(input: NewReportInput, key: ApiKey, token: string): Promise<Report> {
    const { knex, reports, timeline, routing, reportService, requests } = this.deps;
    const now = this.deps.clock();
    return knex.transaction(async (trx) => {
      const inserted = await reports.insert(
        trx,
        reportRow({ ...input, email: input.email || null }, { isPrivate: false, confirmExpiresAt: null }),
        now,
      );
      await reports.setStatus(trx, inserted.id, { status: 'open', confirmedAt: now, routedAt: now }, now);
      await timeline.addUpdate(
        trx,
        {
          reportId: inserted.id,
          authorKind: 'reporter',
          channel: 'web',
          fromStatus: 'unconfirmed',
          toStatus: 'open',
          internalNote: `Open311: ${key.label}`,
          isPublic: true,
        },
        now,
      );
      const report: Report = { ...inserted, status: 'open', confirmedAt: now, routedAt: now };
      // The partner's app typed the resident's address; nobody proved it is theirs.
      await reportService.notifyRouted(trx, report, await routing.route(trx, report), {
        addressUnproven: true,
      });
      await requests.recordSubmission(trx, { reportId: report.id, apiKeyId: key.id, token }, now);
      return report;
    });
  }
}

/** The report a submission becomes; the name is never shown publicly. */
function reportInput(
  submission: Submission,
  category: Category,
  parish: Parish,
  language: Language,
): NewReportInput {
  return {
    categoryCode: category.code,
    parishCode: parish.code,
    title: titleOf(submission.description),
    description: submission.description,
    location: locationOf(submission),
    lat: submission.lat,
    lon: submission.lon,
    name: submission.name,
    email: submission.email ?? '',
    phone: submission.phone,
    showName: false,
    language,
  };
}
