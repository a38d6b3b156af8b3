import assert from 'node:assert/strict';
import { affectedRows } from '../../src/db/affected.js';
import { migrateLatest, rollbackAll } from '../../src/db/migrate.js';
import { seedReference } from '../../seeds/reference.js';
import { resetDatabase } from '../support/database.js';

describe('the database', () => {
  it('holds the 28 parishes and Viļāni town, each in one of five apvienības', async () => {
    const { knex } = await resetDatabase();
    const units = await knex('parishes').select('code', 'type', 'apvieniba_code');
    assert.equal(units.length, 29);
    assert.equal(units.filter((unit) => unit.type === 'pagasts').length, 28);
    assert.deepEqual(
      units.filter((unit) => unit.type === 'pilsēta').map((unit) => unit.code),
      ['vilani'],
    );
    const [row] = await knex('apvienibas').count({ count: '*' });
    assert.equal(row!.count, 5);
  });

  it('returns counts as numbers on both engines', async () => {
    const { knex } = await resetDatabase();
    const [row] = await knex('parishes').count({ count: '*' });
    assert.equal(typeof row!.count, 'number');
    const [sum] = await knex('parishes').sum({ total: 'population' });
    assert.equal(typeof sum!.total, 'number');
  });

  it('says how many rows an update or delete touched, as a number on both engines', async () => {
    const { knex } = await resetDatabase();
    const updated = affectedRows(
      await knex('parishes').where({ apvieniba_code: 'kaunatas' }).update({ population: 1 }),
    );
    assert.equal(updated, 5);
    const deleted = affectedRows(await knex('routing_rules').whereNotNull('category_code').delete());
    assert.equal(deleted, 58);
  });

  it('stores and returns binary data as a Buffer, byte for byte, on both engines', async () => {
    const { knex } = await resetDatabase();
    const bytes = Buffer.from([0, 1, 2, 127, 128, 254, 255, 0x5c, 0x78]);
    const { rows } = await knex.raw<{ rows: { value: unknown }[] }>('select ?::bytea as value', [bytes]);
    assert.ok(Buffer.isBuffer(rows[0]!.value));
    assert.deepEqual(rows[0]!.value, bytes);
  });

  it('has names in three languages for every category, and private help categories', async () => {
    const { knex } = await resetDatabase();
    const categories = await knex('categories').select('*');
    assert.ok(categories.length >= 13);
    for (const category of categories) {
      assert.ok(category.name_lv && category.name_en && category.name_ru, category.code);
    }
    const codes = (visibility: string) =>
      categories.filter((category) => category.visibility === visibility).map((category) => category.code);
    assert.ok(codes('public').includes('roads'));
    assert.deepEqual(codes('private').sort(), ['elderly-help', 'social-other']);
  });

  it('gives every parish a parish-administration and a social-worker contact at example.org', async () => {
    const { knex } = await resetDatabase();
    const contacts = await knex('contacts').select('role', 'parish_code', 'email');
    for (const contact of contacts) assert.match(contact.email, /@([a-z]+\.)?example\.org$/);
    const parishes = await knex('parishes').pluck('code');
    for (const parish of parishes) {
      const roles = contacts
        .filter((contact) => contact.parish_code === parish)
        .map((contact) => contact.role)
        .sort();
      assert.deepEqual(roles, ['parish_admin', 'social_worker'], parish);
    }
  });

  it('seeds reference data idempotently and keeps an admin’s changes', async () => {
    const { knex } = await resetDatabase();
    await knex('contacts').where({ code: 'maltas-admin' }).update({ email: 'malta.new@example.org' });
    const before = await knex('routing_rules').count({ count: '*' });
    await seedReference(knex);
    const after = await knex('routing_rules').count({ count: '*' });
    assert.deepEqual(after, before);
    const contact = await knex('contacts').where({ code: 'maltas-admin' }).first();
    assert.equal(contact.email, 'malta.new@example.org');
  });

  it('can roll every migration back and apply them again', async () => {
    const { knex } = await resetDatabase();
    await rollbackAll(knex);
    const { rows } = await knex.raw<{ rows: unknown[] }>(
      "select tablename from pg_tables where schemaname = current_schema() and tablename not like 'knex_migrations%'",
    );
    assert.deepEqual(rows, []);
    await migrateLatest(knex);
    await seedReference(knex);
    const [row] = await knex('parishes').count({ count: '*' });
    assert.equal(row!.count, 29);
  });
});
