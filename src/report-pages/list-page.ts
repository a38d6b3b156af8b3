import type { Request, Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { PUBLIC_STATUSES } from '../reports/types.js';
import type { Services } from '../services.js';
import { listUrl, pageWindow, parseListQuery } from './list-query.js';
import { PAGE_SIZE } from './list-repository.js';
import { dateFormats, summaryView } from './page-view.js';

/** The choices the list's filters offer; private categories never have a public report to find. */
async function filterChoices(reference: Services['reference']) {
  const [apvienibas, allCategories] = await Promise.all([reference.apvienibas(), reference.categories()]);
  const categories = allCategories.filter((category) => category.visibility === 'public');
  const parishes = apvienibas.flatMap((apvieniba) => apvieniba.parishes);
  return { apvienibas, allCategories, categories, parishes };
}

/** The public list of reports: filtered by place, category, status and words, a page at a time. */
export function listPage({ reference, reportList }: Pick<Services, 'reference' | 'reportList'>) {
  return async function list(req: Request, res: Response) {
    const t = res.locals.t as Translate;
    const { apvienibas, allCategories, categories, parishes } = await filterChoices(reference);
    const { filters, ignored } = parseListQuery(req.query, {
      parishes: new Set(parishes.map((parish) => parish.code)),
      apvienibas: new Set(apvienibas.map((apvieniba) => apvieniba.code)),
      categories: new Set(categories.map((category) => category.code)),
    });
    let result = await reportList.listPublic(filters);
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (filters.page > pages) {
      filters.page = pages;
      result = await reportList.listPublic(filters);
    }
    const names = {
      category: (code: string) =>
        allCategories.find((item) => item.code === code)?.names[req.language] ?? code,
      parish: (code: string) => parishes.find((item) => item.code === code)?.names[req.language] ?? code,
    };
    const formats = dateFormats(req.language);
    res.render('reports/list', {
      title: t('reports.list.title'),
      navCurrent: 'reports',
      items: result.reports.map((summary) => summaryView(summary, names, t, formats)),
      total: result.total,
      filters,
      filtered: Boolean(
        filters.parish || filters.apvieniba || filters.category || filters.status || filters.q,
      ),
      ignored,
      apvienibas,
      categories,
      statuses: PUBLIC_STATUSES,
      pagination: {
        page: filters.page,
        pages,
        url: (page: number) => listUrl(filters, page),
        window: pageWindow(filters.page, pages),
      },
    });
  };
}
