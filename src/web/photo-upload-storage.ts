import type { StorageEngine } from 'multer';

/** What the storage engine leaves on each file of `req.files` besides multer's own fields. */
export interface HeldFile {
  /** The whole file, or empty when it was too large. */
  buffer: Buffer;
  /** The bytes that arrived, counted to the end even for a file too large to keep. */
  size: number;
  tooLarge: boolean;
}

/**
 * Holds each uploaded file in memory (a photo is re-encoded at once and never touches a temp file),
 * up to `maxBytes` a file. Multer's own `fileSize` limit fails the whole body at the first large
 * file, losing the other photos and every field after it; here a file that grows past the limit
 * lets go of what it held, is read on to its end so the parser moves on to the next part, and is
 * marked `tooLarge` for the form to name it.
 */
export function photoUploadStorage(maxBytes: number): StorageEngine {
  return {
    _handleFile(_req, file, callback) {
      let chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      file.stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (tooLarge) return;
        if (size > maxBytes) {
          tooLarge = true;
          chunks = [];
          return;
        }
        chunks.push(chunk);
      });
      // A cut-off body errors the stream instead; multer listens for that and fails the request.
      file.stream.on('end', () => {
        const held: HeldFile = {
          buffer: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks, size),
          size,
          tooLarge,
        };
        chunks = [];
        callback(null, held);
      });
    },
    _removeFile(_req, file, callback) {
      delete (file as Partial<HeldFile>).buffer;
      callback(null);
    },
  };
}
