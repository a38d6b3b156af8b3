import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Names an upload's temporary file, so the sweep can tell it from anything else in the folder. */
export const UPLOAD_TEMP_SUFFIX = '.upload';

/**
 * Removes the upload temporary files (`*<suffix>`) in `dir` last written before `before`: each
 * request removes its own when it ends, so only a crash (or a kill) leaves any behind. Other app
 * processes may share the folder, hence the age rather than "everything".
 */
export async function removeStaleUploads(
  dir: string,
  before: Date,
  suffix = UPLOAD_TEMP_SUFFIX,
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names.filter((entry) => entry.endsWith(suffix))) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.mtime >= before) continue;
    await rm(file, { force: true });
    removed += 1;
  }
  return removed;
}
