import { z } from 'zod';
import { LANGUAGES } from '../../i18n/index.js';
import { line, oneOf, paragraphs, requiredText, ticked } from '../forms.js';
import { publicAnswerProblem } from '../../reports/public-answer.js';
import type { ResponseTemplate } from './repository.js';

export const TITLE_MAX = 120;
export const BODY_MAX = 5000;

export interface TemplateValues {
  category: string;
  language: string;
  title: string;
  body: string;
  active: boolean;
}

export const readTemplate = (body: Record<string, unknown>): TemplateValues => ({
  category: line(body.category),
  language: line(body.language),
  title: line(body.title),
  body: paragraphs(body.body),
  active: ticked(body.active),
});

export const blankTemplate = (category: string): TemplateValues => ({
  category,
  language: 'lv',
  title: '',
  body: '',
  active: true,
});

export const templateValues = (template: ResponseTemplate): TemplateValues => ({
  category: template.categoryCode ?? '',
  language: template.language,
  title: template.title,
  body: template.body,
  active: template.active,
});

/**
 * The template form; the category is one that exists, or empty for every category. A template
 * becomes a public answer as it is (its words fill the answer field): unless its category is a
 * private one, whose reports are read by their resident alone, it is held to the public answer's
 * rule when saved, not refused at each use.
 */
export const templateSchema = (categoryCodes: ReadonlySet<string>, privateCodes: ReadonlySet<string>) =>
  z
    .object({
      category: z.string().refine((code) => code === '' || categoryCodes.has(code), 'admin.errors.choose'),
      language: oneOf(LANGUAGES),
      title: requiredText(TITLE_MAX),
      body: requiredText(BODY_MAX),
      active: z.boolean(),
    })
    .superRefine((data, ctx) => {
      if (privateCodes.has(data.category)) return;
      const problem = publicAnswerProblem(data.body);
      if (problem)
        ctx.addIssue({ code: 'custom', path: ['body'], message: problem.key, params: problem.vars });
    })
    .transform((data) => ({
      categoryCode: data.category === '' ? null : data.category,
      language: data.language,
      title: data.title,
      body: data.body,
      active: data.active,
    }));

export type TemplateInput = z.output<ReturnType<typeof templateSchema>>;
