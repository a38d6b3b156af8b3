import { Router, type Request, type Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { readListQuery } from '../report-pages/list-filters.js';
import { changeText, statusLabel } from '../report-pages/status-words.js';
import { normaliseRef } from '../reports/refs.js';
import { isPublic } from '../reports/visibility.js';
import type { Services } from '../services.js';
import { NotFoundError } from '../web/errors.js';
import { xmlChars } from '../web/xml-chars.js';
import { atomDocument, buildFeed, type FeedWords } from './build.js';
import { publicWriterOf, writerNamed, type Writer } from '../reports/public-words.js';
import type { FeedEntry, FeedFilters } from './repository.js';

type Deps = Pick<Services, 'feeds' | 'reference' | 'reportRepository' | 'config' | 'publicWords'>;
type Format = 'atom' | 'rss';

const TYPES: Record<Format, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
};

class FeedPages {
  constructor(private readonly deps: Deps) {}

  private async names(req: Request) {
    const [apvienibas, categories] = await Promise.all([
      this.deps.reference.apvienibas(req.language),
      this.deps.reference.categories(req.language),
    ]);
    const parishes = apvienibas.flatMap((apvieniba) => apvieniba.parishes);
    const name =
      <T extends { code: string; names: Record<string, string> }>(list: readonly T[]) =>
      (code: string) =>
        list.find((item) => item.code === code)?.names[req.language];
    return { apvienibas, categories, parishes, name };
  }

  /** The entries as the public reads them: no contact or private link in a title or an answer. */
  private shown(entries: readonly FeedEntry[], writer: Writer | null = null): FeedEntry[] {
    const { publicWords } = this.deps;
    return entries.map((entry) => {
      const whose = writer ?? writerNamed(entry.writerName);
      return { ...entry, title: publicWords.of(entry.title, whose), text: publicWords.of(entry.text, whose) };
    });
  }

  private send(res: Response, format: Format, feed: ReturnType<typeof buildFeed>) {
    res.set('Cache-Control', 'public, max-age=300').type(TYPES[format]);
    const language = res.locals.lang as string;
    res.send(xmlChars(format === 'atom' ? atomDocument(feed, language) : feed.rss2()));
  }

  private words(
    t: Translate,
    title: string,
    names: Awaited<ReturnType<FeedPages['names']>>,
    description = t('feeds.description'),
  ): FeedWords {
    return {
      title,
      description,
      status: (status) => statusLabel(t, status),
      change: (from, to) => changeText(t, from, to),
      category: (code) => names.name(names.categories)(code) ?? code,
      parish: (code) => names.name(names.parishes)(code) ?? code,
      newReport: t('feeds.newReport'),
      answered: t('feeds.answered'),
      updated: t('feeds.updated'),
      author: t('feeds.author'),
    };
  }

  /** The public list's feed: everything, or a parish, an apvienība, a category (in a place). */
  list = (format: Format) => async (req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    const names = await this.names(req);
    // The list's reading of a query (open data's too). A feed of a place or category that does
    // not exist would stay empty forever: a 404 says so. A feed has no status to filter by.
    const read = await readListQuery(this.deps.reference, req.query, req.language);
    if (read.ignored.some((name) => name !== 'status')) throw new NotFoundError();
    const { apvieniba, parish, category } = read.filters;
    const filters: FeedFilters = { apvieniba, parish, category };
    const query = new URLSearchParams();
    for (const key of ['apvieniba', 'parish', 'category'] as const) {
      const code = filters[key];
      if (code) query.set(key, code);
      else delete filters[key];
    }
    const what = [
      filters.category && names.name(names.categories)(filters.category),
      filters.parish && names.name(names.parishes)(filters.parish),
      !filters.parish && filters.apvieniba && names.name(names.apvienibas)(filters.apvieniba),
    ].filter(Boolean);
    const title = what.length > 0 ? t('feeds.titleOf', { what: what.join(', ') }) : t('feeds.titleAll');
    const search = query.toString() ? `?${query.toString()}` : '';
    const entries = this.shown(await this.deps.feeds.entries(filters));
    this.send(
      res,
      format,
      buildFeed(entries, this.words(t, title, names), {
        publicUrl: this.deps.config.publicUrl,
        pagePath: `/reports${search}`,
        atomPath: `/feeds/reports.atom${search}`,
        rssPath: `/feeds/reports.rss${search}`,
        language: req.language,
      }),
    );
  };

  /** One report's feed: it and its public updates; a private or unknown report has none. */
  report = (format: Format) => async (req: Request, res: Response) => {
    const t = res.locals.t as Translate;
    const ref = normaliseRef(req.params.ref);
    const report = ref ? await this.deps.reportRepository.byRef(ref) : undefined;
    if (!report || !isPublic(report)) throw new NotFoundError();
    const names = await this.names(req);
    const writer = publicWriterOf(report);
    const entries = this.shown(await this.deps.feeds.entries({ ref: report.ref }), writer);
    const title = this.deps.publicWords.of(report.title, writer);
    this.send(
      res,
      format,
      buildFeed(
        entries,
        this.words(
          t,
          t('feeds.titleOf', { what: `${report.ref}: ${title}` }),
          names,
          t('feeds.descriptionOf', { ref: report.ref }),
        ),
        {
          publicUrl: this.deps.config.publicUrl,
          pagePath: `/reports/${report.ref}`,
          atomPath: `/reports/${report.ref}/feed.atom`,
          rssPath: `/reports/${report.ref}/feed.rss`,
          language: req.language,
        },
      ),
    );
  };
}

/** Atom and RSS feeds of the public list (with its place and category filters) and of a report. */
export function feedRoutes(services: Deps): Router {
  const pages = new FeedPages(services);
  const router = Router();
  for (const format of ['atom', 'rss'] as const) {
    router.get(`/feeds/reports.${format}`, pages.list(format));
    router.get(`/reports/:ref/feed.${format}`, pages.report(format));
  }
  return router;
}
