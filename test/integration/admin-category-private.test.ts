import assert from 'node:assert/strict';
import request from 'supertest';
import { routedReport } from '../support/reports.inbound.js';
import { lastAudit, post } from './admin-helpers.js';
import { WASTE, categoryWorld, privacyOf, wasteForm } from './admin-category-private-helpers.js';

/**
 * A category made private takes its published reports with it: a report in a private category is
 * private by what it is, on every public surface alike, and making the category public again does
 * not publish them.
 */
describe('admin: a category made private', () => {
  const world = categoryWorld();

  const publicSurfaces = [
    '/reports',
    '/feeds/reports.atom',
    '/open311/v2/requests.json',
    '/map/reports.geojson',
  ];

  it('makes its public reports private everywhere, with a note in each one’s history and the audit', async () => {
    const { context } = world();
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

    // Asked first (admin-category-private-confirm.test.ts), then confirmed.
    await post(world().admin, WASTE, wasteForm()).expect(200);
    await post(world().admin, WASTE, wasteForm({ confirm: 'yes' })).expect(303);

    const privacy = await privacyOf(world(), [waste.id, roads.id]);
    assert.deepEqual(privacy, [true, false], 'only the category’s reports are made private');
    await app().get(`/reports/${waste.ref}`).expect(404);
    await app().get(`/open311/v2/requests/${waste.ref}.json`).expect(404);
    for (const path of publicSurfaces) {
      const text = (await app().get(path).expect(200)).text;
      assert.doesNotMatch(text, /Izgāztuve pie meža/, `${path} no longer shows it`);
      if (path !== '/map/reports.geojson')
        assert.match(text, /Bedre pie skolas/, `${path} still shows the other`);
    }
    const staffPage = await world().admin.agent.get(`/staff/reports/${waste.ref}?lang=en`).expect(200);
    assert.match(staffPage.text, /Made private/i);
    // Said by Tilts, once: not as both its author and its channel.
    assert.doesNotMatch(staffPage.text, /Tilts · Tilts/);
    const audit = await lastAudit(world(), 'category.update');
    assert.equal((audit.after as { reportsMadePrivate?: number }).reportsMadePrivate, 1);
    const log = await world().admin.agent.get('/staff/audit?lang=en').expect(200);
    assert.match(log.text, /Public reports made private/);

    // Public again, with a reason: its reports stay private (never silently the other way).
    await post(
      world().admin,
      WASTE,
      wasteForm({ visibility: 'public', reason: 'The council publishes waste reports again.' }),
    ).expect(303);
    const after = (await context.services.knex('reports').where({ id: waste.id }).first('is_private')) as {
      is_private: boolean;
    };
    assert.equal(after.is_private, true);
    await app().get(`/reports/${waste.ref}`).expect(404);
  });

  it('writes the note on every one of hundreds of reports, in one statement each for reports and notes', async () => {
    const { context } = world();
    const { knex } = context.services;
    const first = await routedReport(context, { categoryCode: 'waste', title: 'Izgāztuve pie meža ceļa' });
    // 299 more, copies of the first row (a category reported on for years).
    const { id: _id, ...row } = (await knex('reports').where({ id: first.id }).first()) as Record<
      string,
      unknown
    >;
    await knex('reports').insert(
      Array.from({ length: 299 }, (_, index) => ({
        ...row,
        ref: `RZN-2020-${String(index + 1).padStart(5, '0')}`,
      })),
    );
    const already = await knex('reports')
      .insert({ ...row, ref: 'RZN-2020-09999', is_private: true })
      .returning('id');
    const statements: string[] = [];
    const listen = (query: { sql: string }) => statements.push(query.sql);
    knex.on('query', listen);
    try {
      await post(world().admin, WASTE, wasteForm({ confirm: 'yes' })).expect(303);
    } finally {
      knex.off('query', listen);
    }

    const reports = (await knex('reports').where({ category_code: 'waste' }).select('id', 'is_private')) as {
      id: number;
      is_private: boolean;
    }[];
    assert.equal(reports.length, 301);
    assert.ok(reports.every((report) => report.is_private));
    const notes = (await knex('report_updates')
      .whereIn(
        'report_id',
        reports.map((report) => report.id),
      )
      .whereNotNull('internal_note')
      .select(
        'report_id',
        'author_kind',
        'channel',
        'internal_note',
        'public_text',
        'is_public',
        'staff_id',
      )) as {
      report_id: number;
    }[];
    const alreadyId = (already[0] as { id: number }).id;
    assert.deepEqual(
      notes.map((note) => note.report_id).sort((a, b) => a - b),
      reports
        .map((report) => report.id)
        .filter((id) => id !== alreadyId)
        .sort((a, b) => a - b),
      'one note on each report made private, none on the one private before',
    );
    for (const note of notes)
      assert.deepEqual(
        { ...note, report_id: 0 },
        {
          report_id: 0,
          author_kind: 'system',
          channel: 'system',
          internal_note: '{"note":"private"}',
          public_text: null,
          is_public: false,
          staff_id: null,
        },
      );
    const audit = await lastAudit(world(), 'category.update');
    assert.equal((audit.after as { reportsMadePrivate?: number }).reportsMadePrivate, 300);
    const writes = statements.filter((sql) => /report_updates/i.test(sql) && !/^\s*select/i.test(sql));
    assert.equal(writes.length, 1, 'the notes are written by one statement, not one per report');
  });
});
