import type { Knex } from 'knex';
import type { Queryable } from '../db/transaction.js';
import type { Apvieniba, Category, Names, Parish, Visibility } from './types.js';

interface NamedRow {
  code: string;
  name_lv: string;
  name_en: string;
  name_ru: string;
}
interface ParishRow extends NamedRow {
  apvieniba_code: string;
  type: Parish['type'];
  centre: string;
  lat: number | null;
  lon: number | null;
}
interface CategoryRow extends NamedRow {
  kind: Category['kind'];
  visibility: Category['visibility'];
  active: boolean;
  target_days: number;
}

/** A category as the admin edits it: what every page reads, and its place in the lists. */
export interface CategorySettings extends Category {
  sort: number;
}

/** What an admin may change of a category (its code and kind stay). */
export interface CategoryChanges {
  names: Names;
  visibility: Visibility;
  targetDays: number;
  active: boolean;
}

interface CategorySettingsRow extends CategoryRow {
  sort: number;
}

const names = (row: NamedRow) => ({ lv: row.name_lv, en: row.name_en, ru: row.name_ru });

export const rowToParish = (row: ParishRow): Parish => ({
  code: row.code,
  apvienibaCode: row.apvieniba_code,
  type: row.type,
  names: names(row),
  centre: row.centre,
  lat: row.lat,
  lon: row.lon,
});

export const rowToCategory = (row: CategoryRow): Category => ({
  code: row.code,
  kind: row.kind,
  visibility: row.visibility,
  names: names(row),
  active: row.active,
  targetDays: row.target_days,
});

const rowToSettings = (row: CategorySettingsRow): CategorySettings => ({
  ...rowToCategory(row),
  sort: row.sort,
});

const changesToRow = (changes: CategoryChanges) => ({
  name_lv: changes.names.lv,
  name_en: changes.names.en,
  name_ru: changes.names.ru,
  visibility: changes.visibility,
  target_days: changes.targetDays,
  active: changes.active,
});

export class ReferenceRepository {
  constructor(private readonly knex: Knex) {}

  /** In no reader's order: the reference service sorts them by each language's alphabet. */
  async apvienibasWithParishes(): Promise<Apvieniba[]> {
    const [apvienibas, parishes] = await Promise.all([
      this.knex<NamedRow>('apvienibas').select('code', 'name_lv', 'name_en', 'name_ru').orderBy('sort'),
      this.knex<ParishRow>('parishes')
        .select('code', 'apvieniba_code', 'type', 'name_lv', 'name_en', 'name_ru', 'centre', 'lat', 'lon')
        .orderBy('code'),
    ]);
    return apvienibas.map((row) => ({
      code: row.code,
      names: names(row),
      parishes: parishes.filter((parish) => parish.apvieniba_code === row.code).map(rowToParish),
    }));
  }

  async categories(): Promise<Category[]> {
    const rows = await this.knex<CategoryRow>('categories')
      .select('code', 'kind', 'visibility', 'name_lv', 'name_en', 'name_ru', 'active', 'target_days')
      .orderBy('sort');
    return rows.map(rowToCategory);
  }

  /** Every category with its settings, in the order the forms show them. */
  async categorySettings(): Promise<CategorySettings[]> {
    return ((await this.knex('categories').orderBy('sort')) as CategorySettingsRow[]).map(rowToSettings);
  }

  /** One category's settings; `lock` holds the row until the caller's transaction ends. */
  async categorySettingsOf(db: Queryable, code: string, lock = false): Promise<CategorySettings | undefined> {
    const query = db('categories').where({ code }).first();
    if (lock) void query.forUpdate();
    const row = (await query) as CategorySettingsRow | undefined;
    return row ? rowToSettings(row) : undefined;
  }

  /** Adds a category after every other one; false when its code is taken. */
  async insertCategory(
    db: Queryable,
    category: CategoryChanges & { code: string; kind: Category['kind'] },
  ): Promise<boolean> {
    const inserted = (await db('categories')
      .insert({
        code: category.code,
        kind: category.kind,
        ...changesToRow(category),
        sort: db.raw('(select coalesce(max(sort), -1) + 1 from categories)'),
      })
      .onConflict('code')
      .ignore()
      .returning('code')) as { code: string }[];
    return inserted.length > 0;
  }

  async updateCategory(db: Queryable, code: string, changes: CategoryChanges): Promise<void> {
    await db('categories').where({ code }).update(changesToRow(changes));
  }
}
