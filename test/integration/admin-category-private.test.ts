import assert from 'node:assert/strict';
import request from 'supertest';
import { routedReport } from '../support/reports.inbound.js';
import { adminWorld, lastAudit, post, type AdminWorld } from './admin-helpers.js';

const WASTE = '/staff/admin/categories/waste';
const wasteForm = (changes: Record<string, string> = {}) => ({
  name_lv: 'Atkritumi',
  name_en: 'Waste',
  name_ru: 'Мусор',
  visibility: 'private',
  target_days: '3',
  active: '1',
  ...changes,
});

/**
 * A category made private takes its published reports with it: a report in a private category is
 * private by what it is, on every public surface alike, and making the category public again does
 * not publish them.
 */
describe('admin: a category made private', () => {
  let world: AdminWorld;

  beforeEach(async () => {
    world = await adminWorld();
  });

  const publicSurfaces = [
    '/reports',
    '/feeds/reports.atom',
    '/open311/v2/requests.json',
    '/map/reports.geojson',
  ];

  it('makes its public reports private everywhere, with a note in each one’s history and the audit', async () => {
    const { context } = world;
    const waste = await routedReport(context, {
      categoryCode: 'waste',
      title: 'Izgāztuve pie meža ceļa',
      description: 'Izgāztuve pie meža ceļa aiz skolas.',
      lat: 56.45,
      lon: 27.33,
    });
    const roads = await routedReport(context, {
      categoryCode: 'roads',
      title: 'Bedre pie skolas',
      description: 'Bedre pie skolas vārtiem.',
      lat: 56.45,
      lon: 27.34,
    });
    const app = () => request(context.app);
    for (const path of publicSurfaces)
      assert.match((await app().get(path).expect(200)).text, /Izgāztuve pie meža/);

    await post(world.admin, WASTE, wasteForm()).expect(303);

    const privacy = (await context.services
      .knex('reports')
      .whereIn('id', [waste.id, roads.id])
      .orderBy('id')
      .pluck('is_private')) as boolean[];
    assert.deepEqual(privacy, [true, false], 'only the category’s reports are made private');
    await app().get(`/reports/${waste.ref}`).expect(404);
    await app().get(`/open311/v2/requests/${waste.ref}.json`).expect(404);
    for (const path of publicSurfaces) {
      const text = (await app().get(path).expect(200)).text;
      assert.doesNotMatch(text, /Izgāztuve pie meža/, `${path} no longer shows it`);
      if (path !== '/map/reports.geojson')
        assert.match(text, /Bedre pie skolas/, `${path} still shows the other`);
    }
    const staffPage = await world.admin.agent.get(`/staff/reports/${waste.ref}?lang=en`).expect(200);
    assert.match(staffPage.text, /Made private/i);
    // Said by Tilts, once: not as both its author and its channel.
    assert.doesNotMatch(staffPage.text, /Tilts · Tilts/);
    const audit = await lastAudit(world, 'category.update');
    assert.equal((audit.after as { reportsMadePrivate?: number }).reportsMadePrivate, 1);
    const log = await world.admin.agent.get('/staff/audit?lang=en').expect(200);
    assert.match(log.text, /Public reports made private/);

    // Public again, with a reason: its reports stay private (never silently the other way).
    await post(
      world.admin,
      WASTE,
      wasteForm({ visibility: 'public', reason: 'The council publishes waste reports again.' }),
    ).expect(303);
    const after = (await context.services.knex('reports').where({ id: waste.id }).first('is_private')) as {
      is_private: boolean;
    };
    assert.equal(after.is_private, true);
    await app().get(`/reports/${waste.ref}`).expect(404);
  });
});
