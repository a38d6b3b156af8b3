import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedInUseError, lockEmbedded, removeStale } from '../../src/db/embedded-lock.js';
import { createDatabase } from '../../src/db/knex.js';
import { ROOT_DIR } from '../../src/paths.js';
import { startServer, type RunningServer } from '../support/server.js';

const run = promisify(execFile);

/**
 * The embedded database admits one process: PGlite itself lets a second one open the folder and
 * lose its writes. Every opener (the app, each tool) takes the same lock in DATA_DIR, and one whose
 * holder has died is taken over.
 */
describe('the embedded database is opened by one process at a time', function () {
  this.timeout(180_000);
  let dataDir: string;
  let server: RunningServer | undefined;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-lock-'));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const tool = async (script: string, args: string[], locale = 'en_GB.UTF-8') => {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LC_ALL: locale,
      DATA_DIR: dataDir,
      PUBLIC_URL: 'http://localhost:3000',
    };
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
        cwd: ROOT_DIR,
        env,
      });
      return { code: 0, stdout, stderr: stderr.trim() };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr.trim() };
    }
  };

  it('refuses the tools and a second app while the app has it open, naming the process', async () => {
    server = await startServer({ DATA_DIR: dataDir });
    const pid = server.process.pid!;
    const folder = path.resolve(dataDir);
    const add = ['add', '--email', 'x@example.org', '--name', 'X', '--role', 'admin'];
    const staff = await tool('src/staff/cli.ts', add);
    assert.equal(staff.code, 1, staff.stderr);
    assert.equal(
      staff.stderr,
      `The embedded database in ${folder} is open in process ${pid}: stop it first.`,
    );
    const migrate = await tool('src/db/cli.ts', ['migrate'], 'ru_RU.UTF-8');
    assert.equal(migrate.code, 1);
    assert.equal(
      migrate.stderr,
      `Встроенная база данных в ${folder} открыта процессом ${pid}: сначала остановите его.`,
    );
    const restore = await tool('src/backup/cli.ts', ['restore', path.join(dataDir, 'none.tar.gz')]);
    assert.equal(restore.code, 1);
    assert.match(restore.stderr, new RegExp(`ir atvērta procesā ${pid}|is open in process ${pid}`));

    await assert.rejects(startServer({ DATA_DIR: dataDir }), (error: Error) => {
      assert.match(error.message, /server exited with 1/);
      assert.match(
        error.message,
        new RegExp(`Tilts cannot start: .* is open in process ${pid}: stop it first`),
      );
      return true;
    });
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'the first app still serves');

    assert.equal(await server.stop(), 0);
    server = undefined;
    assert.equal(fs.existsSync(path.join(dataDir, 'pglite.lock')), false, 'a clean stop removes the lock');
    const again = await tool('src/staff/cli.ts', add);
    assert.equal(again.code, 0, again.stderr);
  });

  it('refuses a second opener in another process, and takes over the lock of a dead one', async () => {
    const holder = createDatabase({ dataDir });
    await holder.knex.raw('select 1');
    try {
      const other = await tool('src/db/cli.ts', ['migrate']);
      assert.equal(other.code, 1);
      assert.match(other.stderr, new RegExp(`is open in process ${process.pid}: stop it first`));
    } finally {
      await holder.close();
    }

    // A process that is gone left its lock behind (killed, a power cut).
    const dead = spawnSync(process.execPath, ['-e', '0']);
    assert.ok(dead.pid);
    fs.writeFileSync(path.join(dataDir, 'pglite.lock'), `${dead.pid}\n\n`);
    const database = createDatabase({ dataDir });
    try {
      await database.knex.raw('select 1');
      assert.equal(
        fs.readFileSync(path.join(dataDir, 'pglite.lock'), 'utf8').split('\n')[0],
        String(process.pid),
      );
    } finally {
      await database.close();
    }
    assert.equal(fs.existsSync(path.join(dataDir, 'pglite.lock')), false);
  });

  it('never removes a lock taken over a moment before by another opener of the same stale one', () => {
    const file = path.join(dataDir, 'pglite.lock');
    const dead = spawnSync(process.execPath, ['-e', '0']);
    const stale = `${dead.pid}\n\n`;
    fs.writeFileSync(file, stale);
    // Two openers read the same stale lock. The first removes it and takes the lock…
    removeStale(file, stale);
    const lock = lockEmbedded(dataDir);
    try {
      const taken = fs.readFileSync(file, 'utf8');
      assert.match(taken, new RegExp(`^${process.pid}\n`));
      // …then the second, late, removes what it read as stale: the first's lock stays.
      removeStale(file, stale);
      assert.equal(fs.readFileSync(file, 'utf8'), taken);
      assert.deepEqual(
        fs.readdirSync(dataDir).filter((name) => name.startsWith('pglite.lock')),
        ['pglite.lock'],
        'nothing left aside',
      );
    } finally {
      lock.release();
    }
    assert.equal(fs.existsSync(file), false);
  });

  it('refuses in-process with the holder named when another live process holds the lock', () => {
    // The parent of this test runner is alive, and is not this process.
    fs.writeFileSync(path.join(dataDir, 'pglite.lock'), `${process.ppid}\n\n`);
    assert.throws(
      () => createDatabase({ dataDir }),
      (error: unknown) => error instanceof EmbeddedInUseError && error.pid === process.ppid,
    );
    assert.equal(fs.readFileSync(path.join(dataDir, 'pglite.lock'), 'utf8'), `${process.ppid}\n\n`);
  });
});
