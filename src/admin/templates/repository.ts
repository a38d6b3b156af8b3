import type { Knex } from 'knex';
import type { Queryable } from '../../db/transaction.js';
import type { Language } from '../../i18n/index.js';

export const TEMPLATES = 'response_templates';

/** An answer staff may start from: for one category, or for every category (null). */
export interface ResponseTemplate {
  id: number;
  categoryCode: string | null;
  language: Language;
  title: string;
  body: string;
  active: boolean;
  updatedAt: Date;
}

export type TemplateFields = Omit<ResponseTemplate, 'id' | 'updatedAt'>;

interface TemplateRow {
  id: number;
  category_code: string | null;
  language: Language;
  title: string;
  body: string;
  active: boolean;
  updated_at: Date;
}

const rowToTemplate = (row: TemplateRow): ResponseTemplate => ({
  id: row.id,
  categoryCode: row.category_code,
  language: row.language,
  title: row.title,
  body: row.body,
  active: row.active,
  updatedAt: new Date(row.updated_at),
});

const fieldsToRow = (fields: Partial<TemplateFields>) => ({
  ...(fields.categoryCode !== undefined ? { category_code: fields.categoryCode } : {}),
  ...(fields.language !== undefined ? { language: fields.language } : {}),
  ...(fields.title !== undefined ? { title: fields.title } : {}),
  ...(fields.body !== undefined ? { body: fields.body } : {}),
  ...(fields.active !== undefined ? { active: fields.active } : {}),
});

/** The response templates, as the admin keeps them. */
export class TemplateRepository {
  constructor(private readonly knex: Knex) {}

  /** Every template, or a category's (null: those for every category); "every category" first. */
  async list(categoryCode?: string | null): Promise<ResponseTemplate[]> {
    const query = this.knex(TEMPLATES)
      .orderByRaw('category_code nulls first')
      .orderBy(['language', 'title', 'id']);
    if (categoryCode === null) void query.whereNull('category_code');
    else if (categoryCode !== undefined) void query.where({ category_code: categoryCode });
    return ((await query) as TemplateRow[]).map(rowToTemplate);
  }

  async byId(db: Queryable, id: number, lock = false): Promise<ResponseTemplate | undefined> {
    const query = db(TEMPLATES).where({ id }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as TemplateRow | undefined;
    return row ? rowToTemplate(row) : undefined;
  }

  async insert(db: Queryable, fields: TemplateFields, now: Date): Promise<ResponseTemplate> {
    const [row] = (await db(TEMPLATES)
      .insert({ ...fieldsToRow(fields), created_at: now, updated_at: now })
      .returning('*')) as TemplateRow[];
    return rowToTemplate(row!);
  }

  async update(db: Queryable, id: number, fields: Partial<TemplateFields>, now: Date): Promise<void> {
    await db(TEMPLATES)
      .where({ id })
      .update({ ...fieldsToRow(fields), updated_at: now });
  }

  /** How many active templates each category has ('' for those offered for every category). */
  async activeCounts(): Promise<Map<string, number>> {
    const rows = (await this.knex(TEMPLATES)
      .where({ active: true })
      .groupBy('category_code')
      .select('category_code')
      .count({ count: '*' })) as { category_code: string | null; count: number | string }[];
    return new Map(rows.map((row) => [row.category_code ?? '', Number(row.count)]));
  }
}
