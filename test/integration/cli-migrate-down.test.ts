import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrations } from '../../migrations/index.js';
import { createDatabase } from '../../src/db/knex.js';
import { ROOT_DIR } from '../../src/paths.js';

/**
 * `npm run migrate:down` on a fresh installation: its newest batch is every migration, and undoing
 * it drops every table. Without --yes it only says what it would undo, and never waits for input.
 */
describe('npm run migrate:down asks for --yes', function () {
  this.timeout(180_000);
  let dataDir: string;

  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-down-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  /** The tool as CI runs it: no terminal, standard input open but silent (a prompt would hang). */
  const rollback = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'src/db/cli.ts', 'rollback', ...args],
        {
          cwd: ROOT_DIR,
          timeout: 120_000,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            CI: 'true',
            LC_ALL: 'en_GB.UTF-8',
            DATA_DIR: dataDir,
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      assert.ok(child.stdin); // left open: the tool must not read it
    });

  const tables = async () => {
    const database = createDatabase({ dataDir });
    try {
      const { rows } = await database.knex.raw<{ rows: unknown[] }>(
        "select 1 from pg_tables where schemaname = 'public'",
      );
      return rows.length;
    } finally {
      await database.close();
    }
  };

  it('refuses without --yes, naming every migration of the batch, and undoes it with --yes', async () => {
    const database = createDatabase({ dataDir });
    await database.knex.migrate.latest({
      migrationSource: {
        getMigrations: () => Promise.resolve([...migrations]),
        getMigrationName: (migration: (typeof migrations)[number]) => migration.name,
        getMigration: (migration: (typeof migrations)[number]) => Promise.resolve(migration),
      },
    });
    await database.close();
    const before = await tables();
    assert.ok(before > 10);

    const refused = await rollback([]);
    assert.equal(refused.code, 1, refused.stderr);
    const newest = migrations.at(-1)!.name;
    assert.match(
      refused.stderr,
      new RegExp(
        `^Would roll back batch 1, ${migrations.length} migration\\(s\\), newest first: ${newest}, `,
      ),
    );
    assert.match(refused.stderr, /npm run migrate:down -- --yes/);
    assert.equal(await tables(), before, 'nothing was dropped');

    const done = await rollback(['--yes']);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, new RegExp(`^Rolled back: ${newest}, `));
    assert.equal(await tables(), 2, 'only knex’s own tables are left');
  });
});
