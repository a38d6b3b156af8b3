import type { Request, Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { dateFormats } from '../report-pages/dates.js';
import type { Services } from '../services.js';
import type { Ban, OwnReach } from './ban-repository.js';
import { NotFoundError } from '../web/errors.js';
import { isPublicProvider } from './ban-rules.js';
import { isModerationError } from './errors.js';
import { banSchema, fieldErrors, formMessages, MAX_BAN_VALUE, MAX_HIDE_REASON, typed } from './forms.js';
import { idOf, ip, moderator, renderPage } from './staff-page.js';

type Deps = Pick<Services, 'moderation'>;
type BanForm = { value: string; reason: string };
type FormState = { values: Record<string, string>; errors: Record<string, string>; status: number };

const FIELDS = ['kind', 'value', 'reason'] as const;

/** The second step of a form that asks first (a domain ban, lifting a ban) was sent. */
const confirmed = (req: Request) => (req.body as Record<string, unknown> | undefined)?.confirm === 'yes';

function banView(ban: Ban, formats: ReturnType<typeof dateFormats>) {
  return {
    ...ban,
    createdIso: ban.createdAt.toISOString(),
    createdText: formats.dateTime(ban.createdAt),
    liftAction: `/staff/moderation/bans/${ban.id}/lift`,
  };
}

/** Bans of an address or a domain: the list, adding one, lifting one. */
export class BanPages {
  constructor(private readonly deps: Deps) {}

  readonly show = async (req: Request, res: Response) => {
    await this.render(req, res, {
      values: { kind: 'address', value: '', reason: '' },
      errors: {},
      status: 200,
    });
  };

  readonly add = async (req: Request, res: Response) => {
    const values = typed(req.body, FIELDS);
    const parsed = banSchema.safeParse(req.body ?? {});
    if (!parsed.success)
      return this.render(req, res, { values, errors: fieldErrors(parsed.error.issues), status: 422 });
    // A whole domain is asked about first: one ban of it holds every address there. So is an
    // address of Tilts's own people (a staff member, a routing contact).
    if (!confirmed(req)) {
      const own = await this.deps.moderation.bans.ownReach(parsed.data.kind, parsed.data.value);
      if (parsed.data.kind === 'domain') return this.confirmDomain(req, res, parsed.data, own);
      if (own.staff > 0 || own.contacts > 0) return this.confirmAddress(req, res, parsed.data, own);
    }
    try {
      await this.deps.moderation.bans.add(moderator(req), parsed.data, ip(req));
    } catch (error) {
      if (!isModerationError(error, 'already_banned')) throw error;
      return this.render(req, res, {
        values,
        errors: { value: 'moderation.errors.already_banned' },
        status: 409,
      });
    }
    res.redirect(303, '/staff/moderation/bans?done=banned');
  };

  readonly lift = async (req: Request<{ id: string }>, res: Response) => {
    const id = idOf(req.params.id);
    if (!confirmed(req)) {
      const ban = await this.deps.moderation.bans.inForce(id);
      if (!ban) throw new NotFoundError();
      const t = res.locals.t as Translate;
      return renderPage(req, res, 'ban-confirm', {
        title: t('moderation.bans.confirmLift.title', { value: ban.value }),
        section: 'bans',
        mode: 'lift',
        ban: banView(ban, dateFormats(req.language)),
      });
    }
    await this.deps.moderation.bans.lift(moderator(req), id, ip(req));
    res.redirect(303, '/staff/moderation/bans?done=lifted');
  };

  private async confirmDomain(req: Request, res: Response, ban: BanForm, own: OwnReach) {
    const t = res.locals.t as Translate;
    const domain = ban.value.replace(/^@/, '');
    renderPage(req, res, 'ban-confirm', {
      title: t('moderation.bans.confirmDomain.title', { domain }),
      section: 'bans',
      mode: 'domain',
      domain,
      values: { kind: 'domain', value: ban.value, reason: ban.reason },
      reach: await this.deps.moderation.bans.reachOf(domain),
      own,
      publicProvider: isPublicProvider(domain),
    });
  }

  private confirmAddress(req: Request, res: Response, ban: BanForm, own: OwnReach) {
    const t = res.locals.t as Translate;
    renderPage(req, res, 'ban-confirm', {
      title: t('moderation.bans.confirmAddress.title', { value: ban.value }),
      section: 'bans',
      mode: 'address',
      values: { kind: 'address', value: ban.value, reason: ban.reason },
      own,
    });
  }

  private async render(req: Request, res: Response, form: FormState) {
    const t = res.locals.t as Translate;
    const formats = dateFormats(req.language);
    const bans = await this.deps.moderation.bans.list();
    const limits = { value: MAX_BAN_VALUE, reason: MAX_HIDE_REASON };
    const failed = Object.keys(form.errors).length > 0;
    renderPage(req, res, 'bans', {
      title: (failed ? `${t('moderation.errorPrefix')} ` : '') + t('moderation.bans.title'),
      section: 'bans',
      status: form.status,
      bans: bans.map((ban) => banView(ban, formats)),
      values: form.values,
      ...formMessages(form.errors, form.values, limits),
      maxReason: MAX_HIDE_REASON,
      maxValue: MAX_BAN_VALUE,
    });
  }
}
