import type { NextFunction, Request, Response } from 'express';
import { NotFoundError } from '../../web/errors.js';
import {
  actorOf,
  bodyOf,
  confirmed,
  noticeOf,
  render,
  submitForm,
  withNotice,
  type FormState,
} from '../forms.js';
import type { TemplateAdmin } from '../templates/service.js';
import {
  CODE_PATTERN,
  blankCategory,
  categorySchema,
  categoryValues,
  newCategorySchema,
  readCategory,
  type CategoryValues,
} from './schema.js';
import { PrivateReportsToConfirm } from './private-reports.js';
import type { CategoryAdmin } from './service.js';

export const CATEGORIES = '/staff/admin/categories';

function codeParam(req: Request): string {
  const code = req.params.code;
  if (typeof code !== 'string' || !CODE_PATTERN.test(code)) throw new NotFoundError();
  return code;
}

/** The category pages: the list, adding one, and each one's names, visibility, target days and state. */
export class CategoryPages {
  constructor(
    private readonly deps: { categories: CategoryAdmin; templates: Pick<TemplateAdmin, 'activeCounts'> },
  ) {}

  list = async (req: Request, res: Response) => {
    const [items, counts] = await Promise.all([
      this.deps.categories.list(),
      this.deps.templates.activeCounts(),
    ]);
    render(res, 'categories/list', { categories: items, counts, notice: noticeOf(req) });
  };

  newForm = (req: Request, res: Response) =>
    this.showNew(req, res, 200, { values: blankCategory(), errors: {} });

  editForm = (req: Request, res: Response) => this.showEdit(req, res, 200);

  create = submitForm({
    read: readCategory,
    check: (values) => newCategorySchema.safeParse(values),
    save: async (data, req) => {
      await this.deps.categories.add(data, actorOf(req));
      return withNotice(CATEGORIES, 'added');
    },
    show: (req, res, status, form) => this.showNew(req, res, status, form),
  });

  /**
   * Saving the form. Made private while the public sees some of its reports, the category is saved
   * only with confirm=yes: first a page says how many reports it takes from the public and carries
   * the form's values, to save them or to go back to the form with them.
   */
  update = async (req: Request, res: Response, next: NextFunction) => {
    if (bodyOf(req).back === 'yes')
      return this.showEdit(req, res, 200, { values: readCategory(bodyOf(req)), errors: {} });
    try {
      await this.save(req, res, next);
    } catch (error) {
      if (!(error instanceof PrivateReportsToConfirm)) throw error;
      const category = await this.deps.categories.find(codeParam(req));
      render(res, 'categories/confirm-private', {
        category,
        values: readCategory(bodyOf(req)),
        count: error.count,
      });
    }
  };

  private readonly save = submitForm({
    read: readCategory,
    check: async (values, req) =>
      categorySchema(await this.deps.categories.find(codeParam(req))).safeParse(values),
    save: async (data, req) => {
      await this.deps.categories.update(codeParam(req), data, actorOf(req), confirmed(req));
      return withNotice(CATEGORIES, 'saved');
    },
    show: (req, res, status, form) => this.showEdit(req, res, status, form),
  });

  private showNew(_req: Request, res: Response, status: number, form: FormState<CategoryValues>) {
    render(res, 'categories/form', { category: null, ...form }, status);
    return Promise.resolve();
  }

  private async showEdit(req: Request, res: Response, status: number, form?: FormState<CategoryValues>) {
    const category = await this.deps.categories.find(codeParam(req));
    const shown = form ?? { values: categoryValues(category), errors: {} };
    render(res, 'categories/form', { category, ...shown }, status);
  }
}
