import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../src/db/knex.js';
import { LocalDiskStorage } from '../../src/uploads/storage.js';
import { makeReport, type MadeReport } from '../support/reports.js';
import { seedBeforeStart } from '../support/seeded-server.js';
import { startServer } from '../support/server.js';
import {
  archiveMentions,
  restorePlace,
  sourceUrl,
  storedObjects,
  type RestorePlace,
} from './backup-helpers.js';

const SECRET = 'cli-backup-secret-0b7e55d1a9c4';
const SMTP_PASSWORD = 'Cli-Smtp-Passw0rd-51f2e8';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run <script> -- args` as an operator runs it, with the app's settings in the environment. */
function npmRun(script: string, args: string[], env: Record<string, string>): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script, '--', ...args],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
        timeout: 180_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * A real installation's settings: a public URL, its own secret, an SMTP server with a password;
 * and the operator's locale, which the tools speak (none: Latvian).
 */
function installation(
  dataDir: string,
  databaseUrl: string | undefined,
  locale?: string,
): Record<string, string> {
  return {
    ...(locale ? { LC_ALL: locale } : {}),
    DATA_DIR: dataDir,
    PUBLIC_URL: 'http://tilts.test',
    SECRET,
    SMTP_URL: `smtp://tilts:${SMTP_PASSWORD}@127.0.0.1:1`,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

describe('npm run backup and npm run restore, as an operator runs them', function () {
  this.timeout(600_000);
  let sourceDir: string;
  let made: MadeReport;
  let archive: string;
  let place: RestorePlace;

  before(async () => {
    // The source is an installation's DATA_DIR (and, on PostgreSQL, the test database), seeded
    // before the command-line tool opens it: the embedded engine admits one process.
    sourceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-cli-source-'));
    made = await seedBeforeStart(sourceDir, SECRET, (services) =>
      makeReport(services, { photos: 2, title: 'Bedre pie pagasta mājas' }),
    );
    place = await restorePlace();
  });

  after(async () => {
    await place?.drop();
    fs.rmSync(sourceDir, { recursive: true, force: true });
  });

  it('backs up into DATA_DIR/backups by default, without the secret or the SMTP password', async () => {
    const ran = await npmRun('backup', [], installation(sourceDir, sourceUrl(), 'en_GB.UTF-8'));
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(
      ran.stdout,
      // A small archive is said in kilobytes, never "0.0 MB".
      /Wrote .*tilts-(pglite|postgres)-\d{8}-\d{6}\.tar\.gz \((?:[1-9]\d* KB|(?!0\.0 )\d+\.\d MB)\): .* reports: 1, photo files: 4/,
    );
    const [name] = fs.readdirSync(path.join(sourceDir, 'backups'));
    archive = path.join(sourceDir, 'backups', name!);
    assert.equal(archiveMentions(archive, SECRET), false);
    assert.equal(archiveMentions(archive, SMTP_PASSWORD), false);
    assert.equal(archiveMentions(archive, 'Bedre pie pagasta mājas'), true);
  });

  it('refuses to back up an embedded database the running app has open, naming the process', async function () {
    if (sourceUrl()) this.skip();
    const open = createDatabase({ dataDir: sourceDir });
    try {
      await open.knex.raw('select 1');
      const ran = await npmRun(
        'backup',
        ['--out', path.join(sourceDir, 'x.tar.gz')],
        installation(sourceDir, undefined, 'ru_RU.UTF-8'),
      );
      assert.equal(ran.code, 1);
      assert.match(ran.stderr, new RegExp(`открыта процессом ${process.pid} .*Остановите приложение`));
      assert.equal(fs.existsSync(path.join(sourceDir, 'x.tar.gz')), false);
    } finally {
      await open.close();
    }
  });

  it('restores into an empty installation, refuses it once it holds data, and replaces it with --force', async () => {
    // In the operator's language: Latvian with no locale, then English, then Russian.
    const env = (locale?: string) => installation(place.dataDir, place.databaseUrl, locale);
    const first = await npmRun('restore', [archive], env());
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Atjaunota .* rezerves kopija: ziņojumi: 1, foto faili: 4/);
    assert.match(first.stdout, /Palaidiet lietotni ar to pašu SECRET/);
    const again = await npmRun('restore', [archive], env('en_GB.UTF-8'));
    assert.equal(again.code, 1);
    assert.match(again.stderr, /not empty.*--force.*Nothing was restored\./);
    const forced = await npmRun('restore', [archive, '--force'], env('ru_RU.UTF-8'));
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(
      forced.stdout,
      /Восстановлена резервная копия .*сообщений: 1.*\(то, что было там раньше, заменено\)/,
    );
    const usage = await npmRun('restore', [], env('C.UTF-8'));
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Lietošana: npm run backup/);
  });

  it('the app started on the restored installation serves the report and its photos', async () => {
    const server = await startServer(
      { ...installation(place.dataDir, place.databaseUrl), LOG_LEVEL: 'error' },
      120_000,
    );
    try {
      const page = await fetch(`${server.url}/reports/${made.report.ref}`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Bedre pie pagasta mājas/);
      const originals = await storedObjects(new LocalDiskStorage(path.join(sourceDir, 'uploads')));
      for (const key of made.photoKeys) {
        const photo = await fetch(`${server.url}/photos/${key}`);
        assert.equal(photo.status, 200);
        assert.ok(Buffer.compare(Buffer.from(await photo.arrayBuffer()), originals.get(key)!) === 0, key);
      }
    } finally {
      await server.stop();
    }
  });
});
