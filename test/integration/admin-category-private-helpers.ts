import { eachTest } from '../support/each-test.js';
import { adminWorld, type AdminWorld } from './admin-helpers.js';

/** The admin's page of the waste category, a public one in the seeded reference data. */
export const WASTE = '/staff/admin/categories/waste';

/** The waste category's form as an admin sends it to make it private; `changes` to send more or other. */
export const wasteForm = (changes: Record<string, string> = {}) => ({
  name_lv: 'Atkritumi',
  name_en: 'Waste',
  name_ru: 'Мусор',
  visibility: 'private',
  target_days: '3',
  active: '1',
  ...changes,
});

/** A fresh admin world for each test of a `describe` (call it there); a test reads it from `world()`. */
export const categoryWorld = () => eachTest(adminWorld);

/** Whether each of these reports is private, in the order of their ids. */
export const privacyOf = async (world: AdminWorld, ids: number[]) =>
  (await world.context.services
    .knex('reports')
    .whereIn('id', ids)
    .orderBy('id')
    .pluck('is_private')) as boolean[];
