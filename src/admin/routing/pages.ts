import type { Request, Response } from 'express';
import type { ReferenceService } from '../../reference/service.js';
import type { Language } from '../../i18n/index.js';
import type { ContactAdmin } from '../contacts/service.js';
import type { Translate } from '../../i18n/index.js';
import {
  actorOf,
  confirmPage,
  confirmed,
  errorsOf,
  idParam,
  noticeOf,
  render,
  submitForm,
  withNotice,
  type FormState,
} from '../forms.js';
import { blankRule, previewSchema, readPreview, readRule, ruleSchema, type RuleValues } from './schema.js';
import type { RoutingAdmin } from './service.js';

export const ROUTING = '/staff/admin/routing';

/** The routing pages: the table by scope, adding and removing rules, and who receives what. */
export class RoutingPages {
  constructor(
    private readonly deps: {
      routing: RoutingAdmin;
      contacts: Pick<ContactAdmin, 'list'>;
      reference: Pick<ReferenceService, 'apvienibas' | 'categories'>;
    },
  ) {}

  list = (req: Request, res: Response) => this.show(req, res, 200, { values: blankRule(), errors: {} });

  add = submitForm({
    read: readRule,
    check: async (values) => ruleSchema((await this.choices()).known).safeParse(values),
    save: async (data, req) => {
      await this.deps.routing.add(data, actorOf(req));
      return withNotice(ROUTING, 'added');
    },
    show: (req, res, status, form) => this.show(req, res, status, form),
  });

  remove = async (req: Request, res: Response) => {
    if (!confirmed(req)) return this.askBeforeRemoving(req, res);
    if (await this.deps.routing.remove(idParam(req.params.id), actorOf(req)))
      return res.redirect(303, withNotice(ROUTING, 'removed'));
    await this.show(req, res, 409, { values: blankRule(), errors: {} }, 'admin.routing.errors.lastDefault');
  };

  /** Names the rule and who stops getting what, before it goes. */
  private async askBeforeRemoving(req: Request, res: Response) {
    const t = res.locals.t as Translate;
    const rule = await this.deps.routing.ruleView(idParam(req.params.id));
    // The list says "any category" inside a line; here each stands alone.
    const alone = (words: string) => words.charAt(0).toLocaleUpperCase(req.language) + words.slice(1);
    const place = alone(
      rule.parish?.names[req.language] ??
        rule.apvieniba?.names[req.language] ??
        t('admin.routing.wholeNovads'),
    );
    const category = alone(rule.category?.names[req.language] ?? t('admin.routing.anyCategory'));
    const contact = rule.contact ? `${rule.contact.name} (${rule.contact.email})` : '—';
    confirmPage(res, {
      heading: t('admin.routing.confirmRemove.heading'),
      facts: [
        [t('admin.routing.fields.place'), place],
        [t('admin.routing.fields.category'), category],
        [t('admin.routing.fields.contact'), contact],
      ],
      paragraphs: [
        t('admin.routing.confirmRemove.lead', { contact: rule.contact?.name ?? '—' }),
        t('admin.routing.confirmRemove.after'),
      ],
      action: `${ROUTING}/rules/${rule.id}/remove`,
      submit: t('admin.routing.confirmRemove.submit'),
      danger: true,
      cancelHref: ROUTING,
      cancelLabel: t('admin.routing.title'),
    });
  }

  /** A GET form: nothing asked shows the form alone; a bad choice shows it with its error. */
  preview = async (req: Request, res: Response) => {
    const values = readPreview(req.query);
    const lists = await this.choices(req.language);
    const asked = values.parish !== '' || values.category !== '';
    const parsed = previewSchema(lists.known).safeParse(values);
    const page = { ...lists, values, errors: asked && !parsed.success ? errorsOf(parsed.error) : {} };
    if (!asked || !parsed.success)
      return render(res, 'routing/preview', { ...page, result: null }, asked ? 422 : 200);
    const parish = lists.apvienibas.flatMap((a) => a.parishes).find((p) => p.code === parsed.data.parish)!;
    const category = lists.categories.find((c) => c.code === parsed.data.category)!;
    render(res, 'routing/preview', { ...page, result: await this.deps.routing.preview(parish, category) });
  };

  /** What the forms may name, and the lists their selects show, in the reader's alphabet. */
  private async choices(language?: Language) {
    const [apvienibas, categories, contacts] = await Promise.all([
      this.deps.reference.apvienibas(language),
      this.deps.reference.categories(),
      this.deps.contacts.list(),
    ]);
    const known = {
      parishes: new Set(apvienibas.flatMap((a) => a.parishes.map((parish) => parish.code))),
      apvienibas: new Set(apvienibas.map((a) => a.code)),
      categories: new Set(categories.map((category) => category.code)),
      contacts: new Set(contacts.map((contact) => contact.id)),
    };
    return { apvienibas, categories, contacts, known };
  }

  private async show(
    req: Request,
    res: Response,
    status: number,
    form: FormState<RuleValues>,
    problem?: string,
  ) {
    const [groups, lists] = await Promise.all([this.deps.routing.groups(), this.choices(req.language)]);
    render(res, 'routing/list', { groups, ...lists, ...form, problem, notice: noticeOf(req) }, status);
  }
}
