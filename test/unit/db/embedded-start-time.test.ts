import assert from 'node:assert/strict';
import { createDatabase } from '../../../src/db/knex.js';

/**
 * The embedded engine's one connection is PGlite's whole start: initdb of a new folder, or loading
 * a backup being restored. tarn gives up making a connection after 30 s unless told otherwise,
 * whatever knex's acquire timeout says, and a restore on a busy machine failed as "Timeout
 * acquiring a connection". The pool may take as long to make it as to hand it out.
 */
describe('the embedded database’s start', () => {
  it('may take as long as the acquire timeout, not tarn’s 30 s', async function () {
    this.timeout(120_000);
    const database = createDatabase({});
    try {
      await database.knex.raw('select 1');
      const client = database.knex.client as {
        config: { acquireConnectionTimeout: number };
        pool: { createTimeoutMillis: number; acquireTimeoutMillis: number };
      };
      assert.ok(client.config.acquireConnectionTimeout > 30_000);
      assert.equal(client.pool.createTimeoutMillis, client.config.acquireConnectionTimeout);
      assert.equal(client.pool.acquireTimeoutMillis, client.config.acquireConnectionTimeout);
    } finally {
      await database.close();
    }
  });
});
