import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { prepareDatabase } from '../../src/db/prepare.js';
import { createPhotoStorage } from '../../src/uploads/choose-storage.js';
import { testConfig } from '../support/app.js';
import { resetDatabase } from '../support/database.js';

/** Start-up with the seeded contacts still at example.org, as a new production install has them. */
describe('start-up: contacts still at a placeholder address', () => {
  async function start(overrides: Record<string, string>) {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const config = testConfig({
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-test-')),
      SEED_DEMO: 'no',
      ...overrides,
    });
    const database = await resetDatabase();
    return {
      lines,
      config,
      run: () => prepareDatabase(database, config, logger, createPhotoStorage(config)),
      database,
    };
  }
  const warnings = (lines: Record<string, unknown>[]) =>
    lines.filter((line) => /placeholder addresses/.test(String(line.msg)));

  it('warns once in production with how many, never which', async () => {
    const { lines, run, database, config } = await start({});
    assert.equal(config.production, true);
    const [row] = (await database.knex('contacts').count({ count: '*' })) as {
      count: number | string;
    }[];
    await run();
    const found = warnings(lines);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.level, 40);
    assert.equal(found[0]!.count, Number(row!.count));
    assert.match(String(found[0]!.msg), /\/staff\/admin\/contacts\/addresses/);
    assert.doesNotMatch(JSON.stringify(found[0]), /example\.org/, 'no address in the line');
  });

  it('says nothing once every contact has a real address', async () => {
    const { lines, run, database } = await start({});
    await database.knex('contacts').update({ email: database.knex.raw("code || '@rezeknesnovads.lv'") });
    await run();
    assert.deepEqual(warnings(lines), []);
  });

  it('says nothing in development, whose demo uses example.org on purpose', async () => {
    const { lines, run, config } = await start({ PUBLIC_URL: 'http://localhost:3000', SMTP_URL: '' });
    assert.equal(config.production, false);
    await run();
    assert.deepEqual(warnings(lines), []);
  });
});
