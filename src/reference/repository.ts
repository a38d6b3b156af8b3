import type { Knex } from 'knex';
import type { Apvieniba, Category, Parish } from './types.js';

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
});

export class ReferenceRepository {
  constructor(private readonly knex: Knex) {}

  async apvienibasWithParishes(): Promise<Apvieniba[]> {
    const [apvienibas, parishes] = await Promise.all([
      this.knex<NamedRow>('apvienibas').select('code', 'name_lv', 'name_en', 'name_ru').orderBy('sort'),
      this.knex<ParishRow>('parishes')
        .select('code', 'apvieniba_code', 'type', 'name_lv', 'name_en', 'name_ru', 'centre', 'lat', 'lon')
        .orderBy('name_lv'),
    ]);
    return apvienibas.map((row) => ({
      code: row.code,
      names: names(row),
      parishes: parishes.filter((parish) => parish.apvieniba_code === row.code).map(rowToParish),
    }));
  }

  async categories(): Promise<Category[]> {
    const rows = await this.knex<CategoryRow>('categories')
      .select('code', 'kind', 'visibility', 'name_lv', 'name_en', 'name_ru', 'active')
      .orderBy('sort');
    return rows.map(rowToCategory);
  }
}
