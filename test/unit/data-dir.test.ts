import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../src/config-rules.js';
import { checkDataDir, makeDirectory } from '../../src/data-dir.js';

describe('DATA_DIR at start-up', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-data-dir-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes a missing folder and leaves nothing of its check in it', () => {
    const dataDir = path.join(dir, 'var', 'lib', 'tilts');
    checkDataDir(dataDir);
    assert.deepEqual(fs.readdirSync(dataDir), []);
  });

  it('stops in one line naming DATA_DIR when it cannot be written', () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    const dataDir = path.join(file, 'data');
    assert.throws(
      () => checkDataDir(dataDir),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.variable === 'DATA_DIR' &&
        error.message ===
          `DATA_DIR: cannot write ${dataDir} (ENOTDIR); the user Tilts runs as must be able to write it`,
    );
  });

  it('makes every missing folder on the way, and leaves one that exists', () => {
    const deep = path.join(dir, 'a', 'b', 'c');
    makeDirectory(deep);
    assert.ok(fs.statSync(deep).isDirectory());
    fs.writeFileSync(path.join(deep, 'kept'), '');
    makeDirectory(deep);
    assert.deepEqual(fs.readdirSync(deep), ['kept']);
  });
});
