import assert from 'node:assert/strict';
import { restoreEmbedded } from '../../../src/backup/restore-database.js';
import type { Manifest } from '../../../src/backup/manifest.js';

/**
 * A restore into a DATA_DIR that cannot be made stops at once with the reason, as the start does
 * (src/data-dir.ts): Node 20's recursive mkdir loops for ever under /proc, whose folders answer
 * ENOENT for a name they will never hold.
 */
describe('restoreEmbedded into a DATA_DIR that cannot be made', function () {
  this.timeout(10_000);

  it('refuses with the reason instead of hanging', async () => {
    await assert.rejects(
      restoreEmbedded('/proc/tilts-restore-test/data', '/nonexistent.dump', {} as Manifest),
      (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
    );
  });
});
