import { z } from 'zod';
import { ID_PATTERN, line } from '../forms.js';

/** Codes and ids that exist now: a form may only name these. */
export interface Known {
  parishes: ReadonlySet<string>;
  apvienibas: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  contacts: ReadonlySet<number>;
}

/** The place of a rule: empty for the whole novads, `a:<code>` an apvienība, `p:<code>` a parish. */
export interface RuleValues {
  place: string;
  category: string;
  contact: string;
}

export const readRule = (body: Record<string, unknown>): RuleValues => ({
  place: line(body.place),
  category: line(body.category),
  contact: line(body.contact),
});

export const blankRule = (): RuleValues => ({ place: '', category: '', contact: '' });

const CHOOSE = 'admin.errors.choose';

export const ruleSchema = (known: Known) =>
  z
    .object({
      place: z
        .string()
        .refine(
          (place) =>
            place === '' ||
            (place.startsWith('p:') && known.parishes.has(place.slice(2))) ||
            (place.startsWith('a:') && known.apvienibas.has(place.slice(2))),
          CHOOSE,
        ),
      category: z.string().refine((code) => code === '' || known.categories.has(code), CHOOSE),
      contact: z
        .string()
        .regex(ID_PATTERN, CHOOSE)
        .transform(Number)
        .refine((id) => known.contacts.has(id), CHOOSE),
    })
    .transform((data) => ({
      parishCode: data.place.startsWith('p:') ? data.place.slice(2) : null,
      apvienibaCode: data.place.startsWith('a:') ? data.place.slice(2) : null,
      categoryCode: data.category === '' ? null : data.category,
      contactId: data.contact,
    }));

export interface PreviewValues {
  parish: string;
  category: string;
}

export const readPreview = (query: Record<string, unknown>): PreviewValues => ({
  parish: line(query.parish),
  category: line(query.category),
});

export const previewSchema = (known: Pick<Known, 'parishes' | 'categories'>) =>
  z.object({
    parish: z
      .string()
      .min(1, { error: CHOOSE, abort: true })
      .refine((code) => known.parishes.has(code), CHOOSE),
    category: z
      .string()
      .min(1, { error: CHOOSE, abort: true })
      .refine((code) => known.categories.has(code), CHOOSE),
  });
