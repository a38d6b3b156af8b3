import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { UPLOAD_TEMP_SUFFIX } from '../uploads/temp-files.js';

/** Why a file of the body was not kept; the form names the file with the matching message. */
export type Refusal = 'too_large_file' | 'too_many_files' | 'over_budget' | 'no_space' | 'storage_failed';

/** What the storage engine leaves on each file of `req.files` besides multer's own fields. */
export interface HeldFile {
  /** The temporary file holding the upload, or '' when it was not kept. */
  path: string;
  /** The bytes that arrived, counted to the end even for a file that was not kept. */
  size: number;
  refused: Refusal | undefined;
}

/** What one request may still store, from the client's hourly upload budget; spent as files arrive. */
export interface RequestAllowance {
  bytes: number;
  files: number;
  /** What this request stored, to be added to the budget once the body is read. */
  stored: { bytes: number; files: number };
}

const allowances = new WeakMap<Request, RequestAllowance>();
/** How many files of each request have come in so far (held or not). */
const fileCounts = new WeakMap<Request, number>();
const removedFiles = new WeakMap<Request, Set<string>>();

/** Whether multer removed this temporary file again (the body broke a limit after it). */
export function wasRemoved(req: Request, temp: string): boolean {
  return removedFiles.get(req)?.has(temp) ?? false;
}

export function setAllowance(req: Request, allowance: RequestAllowance): void {
  allowances.set(req, allowance);
}

/**
 * Writes each uploaded file to a temporary file in `tempDir` as it streams in, counting its bytes:
 * nothing but the chunk in flight is held in memory. Multer's own `fileSize` limit fails the whole
 * body at the first large file, losing the other photos and every field after it; here a file that
 * grows past `maxBytes` (or past what the client's hourly budget still allows, or that the disk has
 * no room for) is cut off and its temporary file removed, while the stream is read on to its end so
 * the parser moves on to the next part; the file is marked with the reason for the form to name it.
 * Files past the first `maxFiles` are read past the same way, unwritten: a form can use no more.
 * The caller removes the kept temporary files once it has processed them (see `removeHeldFiles`).
 */
export function photoUploadStorage(tempDir: string, maxBytes: number, maxFiles: number): StorageEngine {
  return {
    _handleFile(req, file, callback) {
      const allowance = allowances.get(req);
      const number = (fileCounts.get(req) ?? 0) + 1;
      fileCounts.set(req, number);
      let size = 0;
      let refused: Refusal | undefined;
      let done = false;
      const finish = (error: Error | null, held?: HeldFile) => {
        if (done) return;
        done = true;
        callback(error, held);
      };
      // Past the files a form can use, or over the budget before a byte is written: the file is
      // read past and dropped, and the form names it.
      const skip: Refusal | undefined =
        number > maxFiles
          ? 'too_many_files'
          : allowance && (allowance.files <= 0 || allowance.bytes <= 0)
            ? 'over_budget'
            : undefined;
      if (skip) {
        file.stream.on('data', (chunk: Buffer) => (size += chunk.length));
        file.stream.on('end', () => finish(null, { path: '', size, refused: skip }));
        file.stream.on('error', (error: Error) => finish(error));
        return;
      }
      if (allowance) allowance.files -= 1;
      const temp = path.join(tempDir, `${randomBytes(12).toString('hex')}${UPLOAD_TEMP_SUFFIX}`);
      const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
      const refuse = (reason: Refusal) => {
        if (refused) return;
        refused = reason;
        out.destroy();
        file.stream.resume();
      };
      out.on('error', (error: NodeJS.ErrnoException) => {
        refuse(error.code === 'ENOSPC' || error.code === 'EDQUOT' ? 'no_space' : 'storage_failed');
      });
      file.stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (refused) return;
        if (size > maxBytes) return refuse('too_large_file');
        if (allowance && size > allowance.bytes) return refuse('over_budget');
        if (!out.write(chunk)) {
          file.stream.pause();
          out.once('drain', () => file.stream.resume());
        }
      });
      file.stream.on('end', () => {
        if (!refused) out.end();
        // 'close' follows both a finished and a destroyed write stream.
        const settle = () => {
          if (refused) {
            void rm(temp, { force: true }).finally(() => finish(null, { path: '', size, refused }));
            return;
          }
          if (allowance) {
            allowance.bytes -= size;
            allowance.stored.bytes += size;
            allowance.stored.files += 1;
          }
          finish(null, { path: temp, size, refused: undefined });
        };
        if (out.closed) settle();
        else out.once('close', settle);
      });
      // A cut-off body errors the stream; multer then fails the request and removes kept files.
      file.stream.on('error', (error: Error) => {
        out.destroy();
        void rm(temp, { force: true }).finally(() => finish(error));
      });
    },
    _removeFile(req, file, callback) {
      // Multer removes the files of a body that broke a limit (from its own copies of `req.files`).
      const temp = (file as Partial<HeldFile>).path;
      if (!temp) return callback(null);
      const removed = removedFiles.get(req) ?? new Set<string>();
      removedFiles.set(req, removed.add(temp));
      rm(temp, { force: true }).then(
        () => callback(null),
        (error: Error) => callback(error),
      );
    },
  };
}
