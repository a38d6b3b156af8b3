import assert from 'node:assert/strict';
import knexFactory from 'knex';
import { createDatabase } from '../../src/db/knex.js';
import { migrateLatest } from '../../src/db/migrate.js';
import { migrations } from '../../migrations/index.js';

/**
 * App processes started together on an empty PostgreSQL database each migrate at start-up: one
 * used to crash creating knex's own lock table (pg_type_typname_nsp_index). On PostgreSQL only:
 * the embedded engine admits one process (its lock in DATA_DIR).
 */
describe('migrations started together on PostgreSQL', function () {
  this.timeout(180_000);
  const server = process.env.TEST_DATABASE_URL;
  const admin = server
    ? knexFactory({ client: 'pg', connection: server, pool: { min: 0, max: 1 } })
    : undefined;
  const names: string[] = [];

  before(function () {
    if (!server) this.skip();
  });
  after(async () => {
    for (const name of names) await admin?.raw(`drop database if exists "${name}" with (force)`);
    await admin?.destroy();
  });

  it('both succeed on a fresh database, and every migration runs once', async () => {
    // Several fresh databases: the crash came from a race, and one round may miss it.
    for (let round = 0; round < 3; round++) {
      const url = new URL(server!);
      const name = `${url.pathname.slice(1)}_m${process.pid}_${round}`;
      names.push(name);
      await admin!.raw(`drop database if exists "${name}" with (force)`);
      await admin!.raw(`create database "${name}"`);
      url.pathname = `/${name}`;
      const first = createDatabase({ databaseUrl: url.href });
      const second = createDatabase({ databaseUrl: url.href });
      try {
        const [a, b] = await Promise.all([migrateLatest(first.knex), migrateLatest(second.knex)]);
        assert.equal(a.length + b.length, migrations.length, `round ${round}: each migration applied once`);
        const [row] = (await first.knex('knex_migrations').count({ n: '*' })) as { n: number }[];
        assert.equal(Number(row!.n), migrations.length);
        const locks = await first.knex.raw<{ rows: unknown[] }>(
          "select 1 from pg_locks where locktype = 'advisory' and granted",
        );
        assert.equal(locks.rows.length, 0, 'the lock is released after');
      } finally {
        await first.close();
        await second.close();
      }
    }
  });
});
