import fs from 'node:fs';
import path from 'node:path';

/**
 * The project's root: the nearest folder above `start` that holds package.json and views/. The
 * same code runs from src/ (tsx) and from dist/src/ (compiled), so files that are not code
 * (views, catalogs, public files, reference data) are always found from here, never beside a
 * module.
 */
export function findProjectRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'views'))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`no project root (package.json and views/) above ${start}`);
  }
}

export const ROOT_DIR = findProjectRoot(import.meta.dirname);

/** A path inside the project, e.g. `projectPath('views', 'emails')`. */
export const projectPath = (...parts: string[]): string => path.join(ROOT_DIR, ...parts);
