import fs from 'node:fs';
import path from 'node:path';
import { englishTranslator } from '../i18n/cli.js';
import type { Translate } from '../i18n/index.js';
import { makeDirectory } from '../data-dir.js';

/**
 * PGlite does not refuse a second process opening its folder: both then write, and one's writes
 * are silently lost (or break the other's keys). So every opener of the embedded database (the
 * app, each command-line tool) first takes this lock: a file in DATA_DIR made with O_EXCL, holding
 * the process's id. A lock whose process is dead (a crash, a power cut) is stale and taken over.
 */

const LOCK_NAME = 'pglite.lock';

/** Another live process has the embedded database open. */
export class EmbeddedInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(englishTranslator()('cli.db.inUse', { folder, pid }));
    this.name = 'EmbeddedInUseError';
  }
}

export interface EmbeddedLock {
  release(): void;
}

// One process may open its own database more than once (a tool's check, then its work; tests):
// the lock is counted, and the file goes with the last release.
const held = new Map<string, { count: number; content: string }>();

/** When the process started (clock ticks since boot), so a reused pid is not taken for the holder. */
function startTime(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

function alive(pid: number, started: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // After a reboot the same pid may belong to anything else; its start time tells them apart.
  const now = startTime(pid);
  return !(started && now && started !== now);
}

/** A lock file's holder: its pid when alive, else the stale content (none when it was just removed). */
function holder(file: string): { pid: number } | { stale: string | undefined } {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { stale: undefined };
    throw error;
  }
  const [pidLine = '', started = ''] = content.split('\n');
  const pid = Number(pidLine);
  // A file cut short while it was written (a crash at that instant) has no pid: stale.
  if (!Number.isInteger(pid) || pid <= 0) return { stale: content };
  return alive(pid, started) ? { pid } : { stale: content };
}

/**
 * Removes the stale lock `content` was read from, and never a newer one: two openers may find the
 * same stale file at once, and the first may have taken it over before the second removes "it".
 * The file is moved aside (atomic, one mover wins) and read there: if it is not the stale one,
 * it is put back where it was.
 */
export function removeStale(file: string, content: string): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another opener moved it first
    throw error;
  }
  try {
    if (fs.readFileSync(aside, 'utf8') !== content) fs.linkSync(aside, file);
  } catch (error) {
    // Someone's new lock is already there again: theirs stands.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/**
 * Takes the embedded database's lock in `dataDir` for this process, or throws EmbeddedInUseError
 * naming the live process that holds it. The lock is also dropped when the process exits.
 */
export function lockEmbedded(dataDir: string): EmbeddedLock {
  const folder = path.resolve(dataDir);
  const file = path.join(folder, LOCK_NAME);
  const mine = held.get(file);
  if (mine) {
    mine.count += 1;
    return { release: once(() => releaseFile(file)) };
  }
  makeDirectory(folder);
  const content = `${process.pid}\n${startTime(process.pid)}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.writeSync(fd, content);
      } finally {
        fs.closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const found = holder(file);
      if ('pid' in found || attempt >= 2)
        throw new EmbeddedInUseError(folder, 'pid' in found ? found.pid : 0);
      // Stale: removed, and created anew by whichever opener gets there first.
      if (found.stale !== undefined) removeStale(file, found.stale);
    }
  }
  held.set(file, { count: 1, content });
  if (held.size === 1) process.on('exit', releaseAllAtExit);
  return { release: once(() => releaseFile(file)) };
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}

function removeIfMine(file: string, content: string) {
  try {
    if (fs.readFileSync(file, 'utf8') === content) fs.rmSync(file, { force: true });
  } catch {
    // Gone already (a restore's staging folder is removed whole).
  }
}

function releaseFile(file: string) {
  const mine = held.get(file);
  if (!mine || --mine.count > 0) return;
  held.delete(file);
  removeIfMine(file, mine.content);
  if (held.size === 0) process.off('exit', releaseAllAtExit);
}

// process.exit() (a fatal start-up error, a tool's failure) skips `close()`: the file goes all the same.
function releaseAllAtExit() {
  for (const [file, { content }] of held) removeIfMine(file, content);
  held.clear();
}

/** Opens with `open`; a lock held by another process is said in the tool's language instead. */
export function openOrSayInUse<T>(open: () => T, t: Translate): T {
  try {
    return open();
  } catch (error) {
    if (error instanceof EmbeddedInUseError)
      throw new Error(t('cli.db.inUse', { folder: error.folder, pid: error.pid }), { cause: error });
    throw error;
  }
}
