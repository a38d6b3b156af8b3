import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BackupError } from '../../src/backup/errors.js';
import { restoreBackup } from '../../src/backup/restore.js';
import { ROOT_DIR } from '../../src/paths.js';
import { LocalDiskStorage } from '../../src/uploads/storage.js';

const run = promisify(execFile);

/** A mistyped archive path is said as such, not as "the archive is damaged … ENOENT". */
describe('restore of an archive that is not there', function () {
  this.timeout(120_000);
  let dataDir: string;

  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-noarchive-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const restore = async (archive: string, locale: string) => {
    try {
      await run(process.execPath, ['--import', 'tsx', 'src/backup/cli.ts', 'restore', archive], {
        cwd: ROOT_DIR,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, LC_ALL: locale, DATA_DIR: dataDir },
      });
      return { code: 0, stderr: '' };
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      return { code: failed.code, stderr: failed.stderr.trim() };
    }
  };

  it('says the file does not exist, in the operator’s language', async () => {
    const missing = path.join(os.tmpdir(), `tilts-nonexistent-${process.pid}.tar.gz`);
    const english = await restore(missing, 'en_GB.UTF-8');
    assert.equal(english.code, 1);
    assert.equal(english.stderr, `The archive ${missing} does not exist. Nothing was restored.`);
    const russian = await restore(missing, 'ru_RU.UTF-8');
    assert.equal(russian.stderr, `Архив ${missing} не существует. Ничего не восстановлено.`);
    const latvian = await restore(missing, 'lv_LV.UTF-8');
    assert.equal(latvian.stderr, `Arhīvs ${missing} neeksistē. Nekas netika atjaunots.`);
  });

  it('says a folder is not a file', async () => {
    await assert.rejects(
      restoreBackup(dataDir, {
        engine: 'pglite',
        databaseUrl: undefined,
        dataDir,
        storage: new LocalDiskStorage(path.join(dataDir, 'uploads')),
        force: false,
      }),
      (error: unknown) =>
        error instanceof BackupError && error.message === `${dataDir} is not a file. Nothing was restored.`,
    );
  });
});
