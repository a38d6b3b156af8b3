import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrations } from '../../migrations/index.js';
import { ROOT } from '../../scripts/build.mjs';
import { createDatabase, embeddedDatabaseDir } from '../../src/db/knex.js';
import { loadCatalog, type Catalog, type Language } from '../../src/i18n/index.js';
import { freePort, spawnServer } from '../support/server.js';

// The compiled app finds its project (views, catalogs, public files, node_modules) by walking up
// from its own folder, so the test's build goes inside the project, in a folder nothing else reads
// or cleans: never dist/, which `npm start` or `npm run build` may be using at the same time.
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', `tilts-production-build-${process.pid}`);

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const text = (catalog: Catalog, key: string): string => {
  const value = key
    .split('.')
    .reduce<Catalog | string | undefined>(
      (node, part) => (typeof node === 'object' ? node[part] : undefined),
      catalog,
    );
  assert.equal(typeof value, 'string', key);
  return value as string;
};

const escapeHtml = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');

describe('the production build', function () {
  // tsc of the whole app: about 40 s on an idle 2-core machine, minutes on a loaded one.
  this.timeout(600_000);

  let dataDir: string;
  let cwd: string;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-build-data-'));
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-build-cwd-'));
    // Type errors are `npm run typecheck`'s to report; here, that what tsc writes starts.
    const built = await run(
      process.execPath,
      [path.join(ROOT, 'scripts', 'build.mjs'), '--out-dir', OUT_DIR, '--allow-type-errors'],
      { cwd: ROOT },
    );
    assert.equal(built.code, 0, built.output);
    // PGlite's initdb of a new folder took over a minute on a loaded machine, longer than knex
    // waits for a connection; it is done here, so the server's start is what is measured by the
    // deadline below. The folder stays empty of tables: the server still migrates it.
    const pglite = new PGlite(embeddedDatabaseDir(dataDir));
    await pglite.waitReady;
    await pglite.close();
  });

  after(() => {
    fs.rmSync(OUT_DIR, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('holds JavaScript only: no views, catalogs or data copied beside it, no tests', () => {
    assert.ok(fs.existsSync(path.join(OUT_DIR, 'src', 'server.js')));
    assert.ok(fs.existsSync(path.join(OUT_DIR, 'migrations', 'index.js')));
    assert.ok(fs.existsSync(path.join(OUT_DIR, 'seeds', 'reference.js')));
    assert.ok(fs.existsSync(path.join(OUT_DIR, '.build-stamp')));
    assert.ok(!fs.existsSync(path.join(OUT_DIR, 'views')));
    assert.ok(!fs.existsSync(path.join(OUT_DIR, 'src', 'i18n', 'lv')));
    assert.ok(!fs.existsSync(path.join(OUT_DIR, 'test')));
    assert.ok(!fs.existsSync(path.join(OUT_DIR, 'bench')));
  });

  it('starts from the build, from another working directory, and serves pages, catalogs and static files', async () => {
    const port = await freePort();
    // Another working directory: nothing may be looked up relative to it.
    const server = spawnServer([path.join(OUT_DIR, 'src', 'server.js')], {
      cwd,
      env: { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    });
    const { child, exited } = server;
    const url = `http://127.0.0.1:${port}`;
    try {
      const deadline = Date.now() + 300_000;
      for (;;) {
        assert.equal(child.exitCode, null, `the server exited:\n${server.output()}`);
        const ok = await fetch(`${url}/healthz`).then(
          (res) => res.ok,
          () => false,
        );
        if (ok) break;
        assert.ok(Date.now() < deadline, `no /healthz within 300 s:\n${server.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }

      const home = await fetch(`${url}/`);
      assert.equal(home.status, 200, server.output());
      const homeHtml = await home.text();
      assert.match(homeHtml, /<html lang="lv">/);

      for (const language of ['lv', 'en', 'ru'] as Language[]) {
        const res = await fetch(`${url}/reports/new?lang=${language}`);
        assert.equal(res.status, 200, `${language}: ${server.output()}`);
        const html = await res.text();
        assert.match(html, new RegExp(`<html lang="${language}">`));
        const catalog = loadCatalog(language);
        // The view found its template and the catalog its text (not the bare key).
        assert.ok(html.includes(escapeHtml(text(catalog, 'reportForm.title'))), `${language} title`);
        assert.ok(!html.includes('reportForm.'), `${language}: an untranslated key`);
        // Reference data was seeded, so migrations ran: Kaunata is one of the parishes offered.
        assert.match(html, /&#34;code&#34;:&#34;kaunatas&#34;|value="kaunatas"/, `${language}: no parishes`);
      }

      const stylesheets = [...homeHtml.matchAll(/href="(\/static\/[^"]+\.css)"/g)].map((m) => m[1]!);
      assert.ok(stylesheets.length > 0, 'the home page links a stylesheet');
      for (const stylesheet of stylesheets) {
        const res = await fetch(url + stylesheet);
        assert.equal(res.status, 200, stylesheet);
        assert.match(res.headers.get('content-type') ?? '', /text\/css/);
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, `stopped cleanly on SIGTERM:\n${server.output()}`);

    // Every migration is recorded in the database the built server made.
    const database = createDatabase({ dataDir });
    try {
      const rows = (await database.knex('knex_migrations').select('name')) as { name: string }[];
      assert.deepEqual(
        rows.map((row) => row.name).sort(),
        migrations.map((migration) => migration.name).sort(),
      );
    } finally {
      await database.close();
    }
  });
});
