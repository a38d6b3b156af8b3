import { mkdir, rm } from 'node:fs/promises';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { MAX_PHOTO_BYTES, type UploadedFile } from '../photos/service.js';
import type { UploadBudget } from '../uploads/budget.js';
import { BadRequestError } from './errors.js';
import {
  photoUploadStorage,
  setAllowance,
  wasRemoved,
  type HeldFile,
  type RequestAllowance,
} from './photo-upload-storage.js';
import { limitClient } from '../ratelimit/client.js';

/** Where uploads are written as they stream in, and what each client address may upload. */
export interface UploadIntake {
  tempDir: string;
  budget: Pick<UploadBudget, 'allowance' | 'spend'>;
  clock: () => Date;
}

/**
 * Why the multipart body was cut short; the form shows it as an error next to the photos. A photo
 * that is too large does not cut the body short: see `tooLargePhotos`.
 */
export type UploadLimit = 'too_many_files' | 'field_too_long' | 'unreadable';

declare module 'express-serve-static-core' {
  interface Request {
    /**
     * Set when the body broke an upload limit; the text fields read before that point are kept.
     * `field` names the text field that was far too long (it is not among them).
     */
    uploadLimit?: { code: UploadLimit; field?: string };
  }
}

// A few more files than a report may hold are written to temporary files, so that a sixth photo
// reaches the form (named as not added, the first five kept) after a refused one. Files past them
// are read past unwritten and named too (someone chose a whole folder): the parser stopped at the
// eleventh, which dropped every file, the first five as well, with "at most 5" and no name.
const MAX_FILES = 10;
// Where the parser does stop: a body of more parts than any form sends is no upload.
const MAX_FILES_READ = 100;

function limitOf(error: multer.MulterError, field: string): UploadLimit {
  if (error.code === 'LIMIT_FILE_COUNT') return 'too_many_files';
  // More files in the photo field than it takes; a file in any other field is not ours to read.
  if (error.code === 'LIMIT_UNEXPECTED_FILE' && error.field === field) return 'too_many_files';
  return 'unreadable';
}

/** Forms without photos (the review step's hidden fields, the confirm buttons) come urlencoded. */
export const parseForm: RequestHandler = express.urlencoded({
  extended: false,
  limit: '100kb',
  parameterLimit: 200,
});

/**
 * Parses a form that may carry photos (multipart, each file streamed to a temporary file under
 * `intake.tempDir`, at most MAX_FILES of them; those past it are read past and marked
 * `too_many_files`) or no photos (urlencoded). Before a file is read the client's hourly upload
 * budget is looked up: once it is spent, files are read past and dropped (marked `over_budget`)
 * while the text is kept. A photo over the size limit is refused alone
 * (`tooLargePhotos`) and the rest of the body is read as usual. A broken limit of the body does not
 * fail the request: the handler gets what was read so far and `req.uploadLimit`, and shows the form
 * again. Browsers send fields in page order, so with the file input last the text is always read
 * first. Every temporary file is gone when the response ends, whatever happened in between.
 */
export function parsePhotoForm(field: string, intake: UploadIntake): RequestHandler {
  const upload = multer({
    storage: photoUploadStorage(intake.tempDir, MAX_PHOTO_BYTES, MAX_FILES),
    // No `fileSize`: it would fail the whole body at the first large photo.
    limits: {
      files: MAX_FILES_READ,
      fields: 100,
      fieldSize: 64 * 1024,
      parts: MAX_FILES_READ + 100,
    },
    // Browsers send file names as raw UTF-8; busboy would read "Ūdens.jpg" as Latin-1 otherwise.
    defParamCharset: 'utf8',
  }).array(field, MAX_FILES_READ);
  const parse = (req: Request, res: Response, next: NextFunction) => {
    upload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        req.body ??= {};
        req.uploadLimit =
          error.code === 'LIMIT_FIELD_VALUE' && error.field
            ? { code: 'field_too_long', field: error.field }
            : { code: limitOf(error, field) };
        next();
      } else if (error) {
        // Anything else the parser throws is a malformed body (a cut-off upload, a bad boundary).
        next(Object.assign(new BadRequestError(), { cause: error }));
      } else {
        req.body ??= {};
        next();
      }
    });
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('multipart/form-data')) {
      parseForm(req, res, (error?: unknown) => {
        req.body ??= {};
        next(error);
      });
      return;
    }
    const client = limitClient(req);
    const now = intake.clock();
    res.once('close', () => void removeHeldFiles(req).catch(() => undefined));
    void (async () => {
      await mkdir(intake.tempDir, { recursive: true });
      const { bytes, files } = await intake.budget.allowance(client, now);
      const allowance: RequestAllowance = { bytes, files, stored: { bytes: 0, files: 0 } };
      setAllowance(req, allowance);
      return allowance;
    })().then(
      (allowance) =>
        parse(req, res, (error?: unknown) => {
          intake.budget
            .spend(client, allowance.stored.bytes, allowance.stored.files, now)
            .then(() => next(error), next);
        }),
      next,
    );
  };
}

/** Removes the temporary files of a parsed form; the photo service removes each as it is done. */
export async function removeHeldFiles(req: Request): Promise<void> {
  for (const file of heldFiles(req)) if (file.path) await rm(file.path, { force: true });
}

const heldFiles = (req: Request) =>
  (Array.isArray(req.files) ? req.files : []) as (Express.Multer.File & Partial<HeldFile>)[];

/**
 * The files of a parsed form in the shape the photo service takes: those held in temporary files,
 * and those refused on the way in for another reason than their size (over the upload budget, no
 * room on the disk), which the service names among its problems.
 */
export function uploadedPhotos(req: Request): UploadedFile[] {
  return (
    heldFiles(req)
      // A file multer removed again (the body broke a limit after it) is no upload any more; nor is
      // one past the files a form holds in a body that broke a limit: its message says it.
      .filter((file) =>
        file.refused
          ? file.refused !== 'too_large_file' && !(file.refused === 'too_many_files' && req.uploadLimit)
          : Boolean(file.path) && !wasRemoved(req, file.path!),
      )
      .map((file) =>
        file.refused
          ? { originalname: file.originalname, refused: file.refused }
          : { originalname: file.originalname, path: file.path! },
      )
  );
}

/** The names of the files of a parsed form that were over MAX_PHOTO_BYTES and were not kept. */
export function tooLargePhotos(req: Request): string[] {
  return heldFiles(req)
    .filter((file) => file.refused === 'too_large_file')
    .map((file) => file.originalname);
}
