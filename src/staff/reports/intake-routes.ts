import type { Request, Response } from 'express';
import type { Translate } from '../../i18n/index.js';
import { normaliseRef } from '../../reports/refs.js';
import type { Services } from '../../services.js';
import { hasNoParish, renderNoParish } from '../no-parish.js';
import { clientIp as ip, staffUser as user } from '../session.js';
import { StaffActionError } from './action-kit.js';
import { intakeForm, problems, typed } from './forms.js';
import { referenceNames } from './view.js';

/** Taking a report for a resident who phoned, came in or wrote (`/staff/reports/new`). */
export class StaffIntakePages {
  constructor(private readonly deps: Pick<Services, 'config' | 'staffIntake' | 'reference' | 'staff'>) {}

  newReport = async (req: Request, res: Response) => {
    await this.renderIntake(req, res, 200, {
      values: { source: 'phone', language: 'lv' },
      errors: [],
      taken: normaliseRef(req.query.taken) ?? undefined,
    });
  };

  takeReport = async (req: Request, res: Response) => {
    // A form sent from an old page by one with no parish: nothing is taken, and the page says why.
    if (hasNoParish(user(req))) return this.noParish(res, 403);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = intakeForm(this.deps.config.inboundDomain);
    const parsed = form.safeParse(body);
    const values = typed(body, Object.keys(form.shape));
    if (!parsed.success) return this.renderIntake(req, res, 422, { values, errors: problems(parsed.error) });
    const data = parsed.data;
    try {
      const { report, visible } = await this.deps.staffIntake.take(
        user(req),
        {
          source: data.source,
          categoryCode: data.category,
          parishCode: data.parish,
          title: data.title,
          description: data.description,
          location: data.location,
          name: data.name,
          email: data.email || null,
          phone: data.phone || null,
          language: data.language,
        },
        ip(req),
      );
      // A request for help a clerk took goes to the social worker only: the clerk is told so here.
      res.redirect(
        303,
        visible ? `/staff/reports/${report.ref}?done=taken` : `/staff/reports/new?taken=${report.ref}`,
      );
    } catch (error) {
      if (!(error instanceof StaffActionError)) throw error;
      return this.renderIntake(req, res, 422, {
        values,
        errors: [{ field: error.code, key: `staff.report.errors.${error.code}` }],
      });
    }
  };

  /** No parish is the member's yet: a form with none to choose would be of no use to them. */
  private noParish(res: Response, status: number) {
    return renderNoParish(
      res,
      this.deps.staff,
      { titleKey: 'staff.intake.title', staffCurrent: 'new-report' },
      status,
    );
  }

  private async renderIntake(
    req: Request,
    res: Response,
    status: number,
    state: {
      values: Record<string, string>;
      errors: { field: string; key: string }[];
      /** A report just taken that its taker cannot open (a request for help, for the social worker). */
      taken?: string;
    },
  ) {
    if (hasNoParish(user(req))) return this.noParish(res, status);
    const t = res.locals.t as Translate;
    const names = await referenceNames(this.deps.reference, req.language);
    const parishes = names.apvienibas
      .map((apvieniba) => ({
        ...apvieniba,
        parishes: apvieniba.parishes.filter(
          (parish) => user(req).parishes === 'all' || user(req).parishes.includes(parish.code),
        ),
      }))
      .filter((apvieniba) => apvieniba.parishes.length > 0);
    res.status(status).render('staff/reports/new', {
      title: `${state.errors.length > 0 ? `${t('staff.errorPrefix')} ` : ''}${t('staff.intake.title')}`,
      staffCurrent: 'new-report',
      values: state.values,
      errors: state.errors,
      taken: state.taken ?? null,
      categories: names.categories.filter((category) => category.active),
      apvienibas: parishes,
    });
  }
}
