import { access, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import type { FolderUse } from './restore-rules.js';

/**
 * Who has the embedded database's folder open, from /proc (Linux): each process's open files.
 * PGlite keeps its WAL and relation files open while the database is open, so the running app
 * always shows up. Elsewhere (no /proc) no process can be seen, and only `postmaster.pid` tells.
 */
export async function folderUse(folder: string): Promise<FolderUse> {
  const resolved = path.resolve(folder);
  const pidFile = await access(path.join(resolved, 'postmaster.pid')).then(
    () => true,
    () => false,
  );
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  } catch {
    return { pidFile, holders: [], everyProcessSeen: false };
  }
  const holders: number[] = [];
  // /proc mounted with hidepid (or systemd's ProtectProc=) hides other users' processes instead
  // of refusing to show them: no PID 1 means this is not the whole machine.
  let everyProcessSeen = pids.includes('1');
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch (error) {
      // A process that ended meanwhile is no holder; one we may not look into might be.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') everyProcessSeen = false;
      continue;
    }
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (target === resolved || target.startsWith(`${resolved}/`)) {
        holders.push(Number(pid));
        break;
      }
    }
  }
  return { pidFile, holders, everyProcessSeen };
}
