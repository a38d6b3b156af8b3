import type { Request, Response } from 'express';
import type { ReferenceService } from '../../reference/service.js';
import {
  actorOf,
  idParam,
  line,
  noticeOf,
  render,
  submitForm,
  withNotice,
  type FormState,
} from '../forms.js';
import {
  blankTemplate,
  readTemplate,
  templateSchema,
  templateValues,
  type TemplateValues,
} from './schema.js';
import type { TemplateAdmin } from './service.js';

export const TEMPLATES = '/staff/admin/templates';

/** The list narrowed to a category's templates, or those for every category (`all`). */
const listOf = (categoryCode: string | null) => `${TEMPLATES}?category=${categoryCode ?? 'all'}`;

/** The template pages: by category (or for every category), added, edited, deactivated. */
export class TemplatePages {
  constructor(
    private readonly deps: { templates: TemplateAdmin; reference: Pick<ReferenceService, 'categories'> },
  ) {}

  /** `?category=` narrows the list: a category's code, or `all` for those offered everywhere. */
  list = async (req: Request, res: Response) => {
    const categories = await this.deps.reference.categories(req.language);
    const asked = line(req.query.category);
    const known = asked === 'all' || categories.some((category) => category.code === asked);
    const filter = known ? asked : '';
    const items = await this.deps.templates.list(
      filter === '' ? undefined : filter === 'all' ? null : filter,
    );
    render(res, 'templates/list', { templates: items, categories, filter, notice: noticeOf(req) });
  };

  newForm = (req: Request, res: Response) =>
    this.show(req, res, 200, { values: blankTemplate(line(req.query.category)), errors: {} });

  editForm = async (req: Request, res: Response) => {
    const template = await this.deps.templates.find(idParam(req.params.id));
    await this.show(req, res, 200, { values: templateValues(template), errors: {} });
  };

  create = submitForm({
    read: readTemplate,
    check: (values) => this.check(values),
    save: async (data, req) => {
      await this.deps.templates.add(data, actorOf(req));
      return withNotice(listOf(data.categoryCode), 'added');
    },
    show: (req, res, status, form) => this.show(req, res, status, form),
  });

  update = submitForm({
    read: readTemplate,
    check: async (values, req) => {
      await this.deps.templates.find(idParam(req.params.id));
      return this.check(values);
    },
    save: async (data, req) => {
      await this.deps.templates.update(idParam(req.params.id), data, actorOf(req));
      return withNotice(listOf(data.categoryCode), 'saved');
    },
    show: (req, res, status, form) => this.show(req, res, status, form),
  });

  deactivate = async (req: Request, res: Response) => {
    const template = await this.deps.templates.find(idParam(req.params.id));
    await this.deps.templates.deactivate(template.id, actorOf(req));
    res.redirect(303, withNotice(listOf(template.categoryCode), 'deactivated'));
  };

  private async check(values: TemplateValues) {
    const categories = await this.deps.reference.categories();
    const codes = new Set(categories.map((category) => category.code));
    const privateCodes = new Set(
      categories.filter((category) => category.visibility === 'private').map((category) => category.code),
    );
    return templateSchema(codes, privateCodes).safeParse(values);
  }

  private async show(req: Request, res: Response, status: number, form: FormState<TemplateValues>) {
    const template =
      req.params.id === undefined ? null : await this.deps.templates.find(idParam(req.params.id));
    const categories = await this.deps.reference.categories(req.language);
    render(res, 'templates/form', { template, categories, ...form }, status);
  }
}
