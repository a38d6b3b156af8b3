import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newestSource, staleReason } from '../../../scripts/build.mjs';

describe('when npm start builds again (scripts/build.mjs)', () => {
  const built = Date.parse('2026-12-01T10:00:00Z');

  it('builds when there is no build, or the last one did not finish', () => {
    assert.match(
      staleReason({ stampMs: built, entryExists: false, newest: undefined }) ?? '',
      /no src\/server\.js/,
    );
    const newest = { file: 'src/app.ts', mtimeMs: built - 1000 };
    assert.match(staleReason({ stampMs: undefined, entryExists: true, newest }) ?? '', /did not finish/);
  });

  it('builds when a source is newer than the stamp, and names it', () => {
    const newest = { file: 'migrations/x.ts', mtimeMs: built + 1 };
    assert.equal(
      staleReason({ stampMs: built, entryExists: true, newest }),
      'migrations/x.ts changed since the last build',
    );
  });

  it('does not build when every source is as old as the stamp or older', () => {
    assert.equal(
      staleReason({ stampMs: built, entryExists: true, newest: { file: 'src', mtimeMs: built } }),
      null,
    );
    assert.equal(
      staleReason({ stampMs: built, entryExists: true, newest: { file: 'src', mtimeMs: built - 5 } }),
      null,
    );
  });

  describe('the newest source', () => {
    // An hour ago, on a whole second (file systems keep sub-millisecond times a float cannot
    // carry exactly): what the test does now is newer.
    const past = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
    let root: string;
    const at = (relative: string, ms: number) =>
      fs.utimesSync(path.join(root, relative), ms / 1000, ms / 1000);

    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-stale-'));
      fs.mkdirSync(path.join(root, 'src', 'web'), { recursive: true });
      fs.writeFileSync(path.join(root, 'src', 'web', 'a.ts'), '');
      fs.writeFileSync(path.join(root, 'tsconfig.json'), '{}');
      for (const entry of ['src/web/a.ts', 'src/web', 'src', 'tsconfig.json']) at(entry, past);
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it('is a file deep in a folder that was edited', () => {
      at('src/web/a.ts', past + 2000);
      assert.deepEqual(newestSource(root, ['src', 'tsconfig.json']), {
        file: path.join('src', 'web', 'a.ts'),
        mtimeMs: past + 2000,
      });
    });

    it('is the folder a file was removed from (its own time changes)', () => {
      fs.rmSync(path.join(root, 'src', 'web', 'a.ts'));
      const newest = newestSource(root, ['src', 'tsconfig.json']);
      assert.equal(newest?.file, path.join('src', 'web'));
      assert.ok(newest.mtimeMs > past);
    });

    it('skips entries that do not exist, and is undefined when none does', () => {
      assert.equal(newestSource(root, ['tsconfig.json', 'nothing-here'])?.file, 'tsconfig.json');
      assert.equal(newestSource(root, ['nothing-here']), undefined);
    });
  });
});
