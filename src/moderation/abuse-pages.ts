import type { Request, Response } from 'express';
import type { Translate } from '../i18n/index.js';
import { dateFormats } from '../report-pages/dates.js';
import { publicWriterOf } from '../reports/public-words.js';
import { normaliseRef } from '../reports/refs.js';
import type { Report } from '../reports/types.js';
import type { Services } from '../services.js';
import { NotFoundError } from '../web/errors.js';
import type { AbuseChoice } from './abuse-choices.js';
import { isModerationError } from './errors.js';
import { abuseSchema, fieldErrors, formMessages, MAX_ABUSE_REASON, typed } from './forms.js';
import { choiceOf, parseId, targetOfChoice, WHOLE_REPORT, type Target } from './targets.js';
import { limitClient } from '../ratelimit/client.js';

const HOUR_MS = 60 * 60 * 1000;
// Abuse reports an address may send in an hour: plenty for a village sharing one, little for a flood.
const PER_IP = 10;
const EXCERPT = 80;

type Deps = Pick<Services, 'moderation' | 'limiter' | 'clock' | 'publicWords'>;
type Reportable = { report: Report; choices: AbuseChoice[] };
type Values = Record<string, string>;

const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text);

/** `?update=12` or `?photo=34` from the link beside an update or a photo. */
function presetTarget(query: Request['query']): Target {
  const update = parseId(query.update);
  if (update !== undefined) return { kind: 'update', id: update };
  const photo = parseId(query.photo);
  return photo !== undefined ? { kind: 'photo', id: photo } : WHOLE_REPORT;
}

/**
 * The choices in the reader's words: the report, an update (its time and first words, as its page
 * shows them: `words` masks contacts and the reporter's name), a photo.
 */
function choiceViews(
  choices: readonly AbuseChoice[],
  t: Translate,
  language: Request['language'],
  words: (text: string) => string,
) {
  const { dateTime } = dateFormats(language);
  return choices.map((choice) => {
    const when = choice.updateAt ? dateTime(choice.updateAt) : '';
    const label =
      choice.target.kind === 'report'
        ? t('moderation.abuse.what.report')
        : choice.target.kind === 'update'
          ? t('moderation.abuse.what.update', { when })
          : when
            ? t('moderation.abuse.what.updatePhoto', { n: choice.photoNumber, when })
            : t('moderation.abuse.what.photo', { n: choice.photoNumber });
    const hint = choice.text ? excerpt(words(choice.text)) : null;
    return { value: choice.value, label, hint, hintLanguage: choice.language };
  });
}

/** "Report abuse": a small form on every public report, no account and no JavaScript needed. */
export class AbusePages {
  constructor(private readonly deps: Deps) {}

  readonly show = async (req: Request<{ ref: string }>, res: Response) => {
    const found = await this.reportable(req.params.ref);
    const preset = choiceOf(presetTarget(req.query));
    const what = found.choices.some((choice) => choice.value === preset) ? preset : 'report';
    this.render(req, res, 200, found, { what, reason: '' }, {});
  };

  readonly submit = async (req: Request<{ ref: string }>, res: Response) => {
    const found = await this.reportable(req.params.ref);
    const values = typed(req.body, ['what', 'reason']);
    values.what ||= 'report';
    const parsed = abuseSchema.safeParse(req.body ?? {});
    if (!parsed.success) return this.render(req, res, 422, found, values, fieldErrors(parsed.error.issues));
    const target = targetOfChoice(parsed.data.what);
    if (!target) return this.render(req, res, 422, found, values, { what: 'moderation.errors.choice' });
    const { limiter, clock } = this.deps;
    if (!(await limiter.hit(`abuse:ip:${limitClient(req)}`, PER_IP, HOUR_MS, clock())).allowed)
      return this.render(req, res, 429, found, values, { form: 'moderation.errors.rateLimited' });
    try {
      const input = { target, reason: parsed.data.reason, language: req.language };
      await this.deps.moderation.abuse.submit(found.report.ref, input);
    } catch (error) {
      // The update or photo was hidden (or the report changed) since the form was shown.
      if (!isModerationError(error, 'choice')) throw error;
      return this.render(req, res, 422, found, values, { what: 'moderation.errors.choice' });
    }
    res.redirect(303, `/reports/${found.report.ref}/abuse/sent`);
  };

  readonly sent = async (req: Request<{ ref: string }>, res: Response) => {
    const { report } = await this.reportable(req.params.ref);
    res.render('moderation/abuse-sent', { ref: report.ref });
  };

  /** Only a report anyone may see can be reported; anything else is not found. */
  private async reportable(param: string): Promise<Reportable> {
    const ref = normaliseRef(param);
    const found = ref ? await this.deps.moderation.abuse.reportable(ref) : undefined;
    if (!found) throw new NotFoundError();
    return found;
  }

  private render(
    req: Request,
    res: Response,
    status: number,
    found: Reportable,
    values: Values,
    errors: Record<string, string>,
  ) {
    const t = res.locals.t as Translate;
    const words = (text: string) => this.deps.publicWords.of(text, publicWriterOf(found.report));
    res.status(status).render('moderation/abuse-form', {
      // Older browsers then send our own origin with the form, for the origin check.
      head: '<meta name="referrer" content="same-origin">',
      ref: found.report.ref,
      reportTitle: words(found.report.title),
      reportLanguage: found.report.textLanguage,
      choices: choiceViews(found.choices, t, req.language, words),
      values,
      ...formMessages(errors, values, { reason: MAX_ABUSE_REASON }),
      maxReason: MAX_ABUSE_REASON,
    });
  }
}
