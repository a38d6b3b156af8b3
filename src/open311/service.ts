import type { Language } from '../i18n/index.js';
import type { ReferenceService } from '../reference/service.js';
import type { Category } from '../reference/types.js';
import type { PublicWords } from '../reports/public-words.js';
import { normaliseRef } from '../reports/refs.js';
import type { CloseReason, Status } from '../reports/types.js';
import { Open311Error, notFound, quoted } from './errors.js';
import { readRequestFilter } from './query.js';
import type { Open311Repository } from './repository.js';
import {
  definitionOf,
  requestOf,
  serviceOf,
  type Open311Request,
  type ServiceType,
  type Open311ServiceDefinition,
  type RequestContext,
} from './shapes.js';

export interface TokenAnswer {
  token: string;
  service_request_id?: string;
}

/** A token as we make them (base64url, no dots): anything else names nothing. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,64}$/;

/**
 * What Open311 clients may read: the public categories as services, and the public reports as
 * requests. Private categories are no service, and what is not on a public page is no request.
 */
export class Open311Service {
  constructor(
    private readonly deps: {
      requests: Pick<Open311Repository, 'requests' | 'request' | 'publicRefOf' | 'reportOfToken'>;
      reference: Pick<ReferenceService, 'categories' | 'parishes'>;
      translate: (key: string, language: Language) => string;
      settings: { publicUrl: string };
      publicWords: Pick<PublicWords, 'of'>;
      clock: () => Date;
    },
  ) {}

  /** The categories a client may post to: public and in use. */
  async publicCategories(language?: Language): Promise<Category[]> {
    return (await this.deps.reference.categories(language)).filter(
      (category) => category.visibility === 'public' && category.active,
    );
  }

  async services(language: Language): Promise<ServiceType[]> {
    return (await this.publicCategories(language)).map((category) => serviceOf(category, language));
  }

  async definition(code: string, language: Language): Promise<Open311ServiceDefinition> {
    const category = (await this.publicCategories()).find((one) => one.code === code);
    if (!category) throw notFound('service', { code: quoted(code) });
    const parishes = await this.deps.reference.parishes(language);
    return definitionOf(
      category,
      parishes,
      language,
      this.deps.translate('open311.attributes.parish', language),
    );
  }

  async requests(query: unknown, language: Language): Promise<Open311Request[]> {
    const read = readRequestFilter(query, this.deps.clock());
    if (!read.ok) throw new Open311Error(400, read.problem.key, read.problem.values);
    if (read.filter.kind === 'search' && read.filter.codes) await this.knownServices(read.filter.codes);
    const rows = await this.deps.requests.requests(read.filter);
    const context = await this.context(language);
    return rows.map((row) => requestOf(row, context));
  }

  /**
   * A code that names no service would give an empty list that looks like "no requests": a 400
   * says so. Codes of public categories no longer in use still find their old requests; a private
   * category's code is as unknown as a made-up one.
   */
  private async knownServices(codes: readonly string[]): Promise<void> {
    const categories = await this.deps.reference.categories();
    const known = new Set(categories.filter((one) => one.visibility === 'public').map((one) => one.code));
    const unknown = codes.find((code) => !known.has(code));
    if (unknown !== undefined) throw new Open311Error(400, 'notAServiceListed', { code: quoted(unknown) });
  }

  async request(id: string, language: Language): Promise<Open311Request[]> {
    const ref = normaliseRef(id);
    const row = ref ? await this.deps.requests.request(ref) : undefined;
    if (!row) throw notFound('request');
    return [requestOf(row, await this.context(language))];
  }

  /** A token's request id once the resident confirmed it and anyone may see it; until then the token alone. */
  async token(token: string): Promise<TokenAnswer[]> {
    const reportId = TOKEN_SHAPE.test(token) ? await this.deps.requests.reportOfToken(token) : undefined;
    if (reportId === undefined) throw notFound('token');
    const ref = await this.deps.requests.publicRefOf(reportId);
    return [ref ? { service_request_id: ref, token } : { token }];
  }

  private async context(language: Language): Promise<RequestContext> {
    const { reference, translate, settings } = this.deps;
    const [categories, parishes] = await Promise.all([reference.categories(), reference.parishes()]);
    return {
      language,
      publicUrl: settings.publicUrl,
      categories: new Map(categories.map((category) => [category.code, category])),
      parishes: new Map(parishes.map((parish) => [parish.code, parish])),
      statusNote: (status: Status, reason: CloseReason | null) => {
        const said = translate(`status.${status}`, language);
        return status === 'closed' && reason
          ? `${said}: ${translate(`closeReason.${reason}`, language)}`
          : said;
      },
      scrub: (text, writer) => this.deps.publicWords.of(text, writer),
    };
  }
}
