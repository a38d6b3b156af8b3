import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT_DIR } from '../../src/paths.js';

const run = promisify(execFile);

/**
 * The command-line tools as an operator runs them, in the shell locale's language. They run on a
 * new embedded database of their own: what is tested is the words, and the tools open either
 * engine through the same code as the app (their work on PostgreSQL is in deploy-upgrade.test.ts).
 */
describe('the command-line tools speak the operator’s language', function () {
  this.timeout(180_000);
  let dataDir: string;

  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-cli-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  /** One run of a tool with only the locale given; its exit code, standard output and error. */
  const tool = async (script: string, args: string[], locale: Record<string, string>) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      LC_ALL: undefined,
      LC_MESSAGES: undefined,
      LANG: undefined,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PUBLIC_URL: 'http://localhost:3000',
      NODE_ENV: 'development',
      ...locale,
    };
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
        cwd: ROOT_DIR,
        env,
      });
      return { code: 0, stdout: stdout.trim(), stderr: stderr.trim() };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout.trim(), stderr: failed.stderr.trim() };
    }
  };
  const staff = (args: string[], locale: Record<string, string>) => tool('src/staff/cli.ts', args, locale);

  it('adds a staff member in Latvian, refuses again in English, and a wrong role in Russian', async () => {
    const add = ['add', '--email', 'anna@example.org', '--name', 'Anna Bērziņa', '--role', 'admin'];
    const added = await staff(add, { LANG: 'lv_LV.UTF-8' });
    assert.equal(added.code, 0, added.stderr);
    assert.equal(
      added.stdout,
      'Darbinieks pievienots: Anna Bērziņa <anna@example.org>, loma admin. Pieslēgšanās: http://localhost:3000/staff/sign-in',
    );

    const again = await staff(add, { LC_ALL: 'en_GB.UTF-8', LANG: 'lv_LV.UTF-8' });
    assert.equal(again.code, 1);
    assert.equal(again.stderr, 'A staff member with this email already exists.');

    const role = await staff(['add', '--email', 'olga@example.org', '--role', 'boss'], {
      LANG: 'ru_RU.UTF-8',
    });
    assert.equal(role.code, 1);
    assert.match(role.stderr, /^--role должен быть одним из: admin, /);
    assert.match(role.stderr, /\nИспользование:\n {2}npm run staff:add/);
  });

  it('refuses staff:code on a trial with production settings, naming all that makes a developer machine', async () => {
    // PUBLIC_URL is on localhost here: the refusal must not name it alone, or the operator is left
    // wondering why (NODE_ENV=production and SMTP_URL make it a real installation).
    const production = { NODE_ENV: 'production', SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://127.0.0.1:2525' };
    const code = ['code', '--email', 'anna@example.org'];
    const en = await staff(code, { ...production, LANG: 'en_GB.UTF-8' });
    assert.equal(en.code, 1);
    assert.equal(
      en.stderr,
      'staff:code works only on a developer machine (PUBLIC_URL on localhost, no SMTP_URL and no NODE_ENV=production).',
    );
    const lv = await staff(code, { ...production, LANG: 'lv_LV.UTF-8' });
    assert.equal(
      lv.stderr,
      'staff:code darbojas tikai izstrādātāja datorā (PUBLIC_URL uz localhost, bez SMTP_URL un bez NODE_ENV=production).',
    );
  });

  it('answers an unknown option with its usage, in Latvian where the locale is none of the three', async () => {
    const typo = await staff(['add', '--emial', 'anna@example.org'], { LANG: 'C.UTF-8' });
    // Exit status 2, as for any command line a tool cannot read (1 is a refusal of what was asked).
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /^Lietošana:\n {2}npm run staff:add/);
    assert.doesNotMatch(typo.stderr, /Unknown option/);
  });

  it('refuses a wrong setting as a refused start does: in English, then what to check in the locale’s language', async () => {
    const problem = 'PUBLIC_URL: must be a URL starting with http:// or https://';
    const wrong = { PUBLIC_URL: 'nav-adrese' };
    const migrate = await tool('src/db/cli.ts', ['migrate'], { ...wrong, LANG: 'lv_LV.UTF-8' });
    assert.equal(migrate.code, 1);
    assert.equal(
      migrate.stderr,
      `${problem} — Pārbaudiet iestatījumu PUBLIC_URL (sīkāk angliski rindas sākumā un docs/operations.md).`,
    );
    const backup = await tool('src/backup/cli.ts', ['backup'], { ...wrong, LANG: 'ru_RU.UTF-8' });
    assert.equal(backup.code, 1);
    assert.match(
      backup.stderr,
      new RegExp(`^${problem.replaceAll('/', '\\/')} — Проверьте настройку PUBLIC_URL `),
    );
    const code = await staff(['code', '--email', 'anna@example.org'], { ...wrong, LANG: 'en_GB.UTF-8' });
    assert.equal(code.code, 1);
    assert.equal(code.stderr, problem, 'English alone under an English locale');
  });

  it('migrates in Russian, refuses a demo count of 0 in English, and gives its usage in Russian', async () => {
    const migrate = await tool('src/db/cli.ts', ['migrate'], { LANG: 'ru_RU.UTF-8' });
    assert.equal(migrate.code, 0, migrate.stderr);
    assert.equal(migrate.stdout, 'База данных уже в последней версии.');

    const seed = await tool('src/db/cli.ts', ['seed-demo', '--count', '0'], { LANG: 'en_US.UTF-8' });
    assert.equal(seed.code, 1);
    assert.equal(seed.stderr, '--count must be a whole number above 0');

    const usage = await tool('src/db/cli.ts', ['seed'], { LANG: 'ru_RU.UTF-8' });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^Использование: npm run migrate/);
  });
});
