import fs from 'node:fs';
import type { Knex } from 'knex';
import { projectPath } from '../src/paths.js';
import { categories } from './data/categories.js';

interface PlacesFile {
  apvienibas: { code: string; name_lv: string; name_en: string; name_ru: string; sort: number }[];
  units: {
    code: string;
    apvieniba_code: string;
    type: string;
    name_lv: string;
    name_en: string;
    name_ru: string;
    centre: string;
    lat: number | null;
    lon: number | null;
    area_km2: number | null;
    population: number | null;
  }[];
}

const places = JSON.parse(
  fs.readFileSync(projectPath('seeds', 'data', 'parishes.json'), 'utf8'),
) as PlacesFile;

export const MUNICIPALITY_CONTACT = 'novads';

/** "Kaunatas pagasts" → "Kaunatas pagasta", "Viļānu pilsēta" → "Viļānu pilsētas" (… pārvalde). */
const genitive = (name: string) => name.replace(/ pagasts$/, ' pagasta').replace(/ pilsēta$/, ' pilsētas');

/**
 * The reference data every installation needs: places, categories, one contact per role and
 * parish, and the default routing. Rows that exist are left alone, so an admin's changes survive
 * restarts; the contacts are placeholders at example.org until the admin enters real addresses.
 */
export async function seedReference(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('apvienibas').insert(places.apvienibas).onConflict('code').ignore();
    await trx('parishes')
      .insert(places.units.map((unit) => ({ ...unit })))
      .onConflict('code')
      .ignore();
    await trx('categories')
      .insert(categories.map((category, index) => ({ ...category, sort: index })))
      .onConflict('code')
      .ignore();

    const contacts = [
      {
        code: MUNICIPALITY_CONTACT,
        role: 'municipality',
        parish_code: null,
        name: 'Rēzeknes novada pašvaldība',
        email: 'tilts@rezeknesnovads.example.org',
      },
      ...places.units.flatMap((unit) => [
        {
          code: `${unit.code}-admin`,
          role: 'parish_admin',
          parish_code: unit.code,
          name: `${genitive(unit.name_lv)} pārvalde`,
          email: `${unit.code}.parvalde@example.org`,
        },
        {
          code: `${unit.code}-social`,
          role: 'social_worker',
          parish_code: unit.code,
          name: `${genitive(unit.name_lv)} sociālais darbinieks`,
          email: `${unit.code}.socialais@example.org`,
        },
      ]),
    ];
    await trx('contacts').insert(contacts).onConflict('code').ignore();
    const ids = new Map(
      (await trx('contacts').select('id', 'code')).map((row: { id: number; code: string }) => [
        row.code,
        row.id,
      ]),
    );
    const id = (code: string) => {
      const value = ids.get(code);
      if (value === undefined) throw new Error(`contact ${code} missing after seeding`);
      return value;
    };

    const privateCategories = categories.filter((category) => category.visibility === 'private');
    const rules = [
      // Nothing is ever unrouted: the novads-wide default reaches the municipality.
      { parish_code: null, apvieniba_code: null, category_code: null, contact_id: id(MUNICIPALITY_CONTACT) },
      ...places.units.flatMap((unit) => [
        {
          parish_code: unit.code,
          apvieniba_code: null,
          category_code: null,
          contact_id: id(`${unit.code}-admin`),
        },
        {
          parish_code: unit.code,
          apvieniba_code: null,
          category_code: null,
          contact_id: id(`${unit.code}-social`),
        },
        // A private report (help for a person) goes to the social worker only.
        ...privateCategories.map((category) => ({
          parish_code: unit.code,
          apvieniba_code: null,
          category_code: category.code,
          contact_id: id(`${unit.code}-social`),
        })),
      ]),
    ];
    await trx('routing_rules').insert(rules).onConflict().ignore();
  });
}
