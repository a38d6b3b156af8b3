import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { PhotoStorageConfig } from '../config.js';
import { assertValidKey, type PhotoStorage, type StoredEntry, type StoredObject } from './storage.js';

export type S3Settings = Extract<PhotoStorageConfig, { kind: 's3' }>;

/** How long a request to the bucket may wait to connect, and then for the start of an answer. */
export interface S3Timeouts {
  connectMs: number;
  answerMs: number;
}
const S3_TIMEOUTS: S3Timeouts = { connectMs: 5_000, answerMs: 30_000 };

/**
 * An S3-compatible client for the settings. Checksums only when the API requires them: S3-compatible
 * servers (older MinIO, Ceph, s3rver) reject the SDK's default aws-chunked uploads with trailing
 * checksums, and a photo is small enough that Content-MD5-less PUTs over TLS lose nothing.
 */
export function s3Client(settings: S3Settings, timeouts: S3Timeouts = S3_TIMEOUTS): S3Client {
  return new S3Client({
    // Without these a bucket that takes a connection and never answers holds every photo request
    // (and its visitor) forever; a slow answer's body still streams for as long as it takes.
    requestHandler: {
      connectionTimeout: timeouts.connectMs,
      requestTimeout: timeouts.answerMs,
      throwOnRequestTimeout: true,
    },
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  });
}

/**
 * Photos in a bucket under `prefix` + our random key, so several app machines share them. `get`
 * hands back the response body as a stream: a photo is piped to the visitor as it arrives.
 */
export class S3PhotoStorage implements PhotoStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  static fromConfig(settings: S3Settings): S3PhotoStorage {
    return new S3PhotoStorage(s3Client(settings), settings.bucket, settings.prefix);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    // A PUT is atomic: a reader sees the old object, the new one or none, never half of one.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: body,
        ContentType: contentType,
        ContentLength: body.length,
      }),
    );
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      const result = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }),
      );
      if (!(result.Body instanceof Readable)) throw new Error('S3 answered without a body stream');
      return { body: result.Body, contentType: result.ContentType ?? 'application/octet-stream' };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a key that is not there, so a repeated delete is harmless.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async *list(): AsyncIterable<StoredEntry> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.prefix.length);
        if (!key || !isValid(key)) continue;
        yield { key, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** A PUT leaves nothing half-written behind, so there is nothing temporary to remove. */
  removeTemporary(): Promise<number> {
    return Promise.resolve(0);
  }

  private objectKey(key: string): string {
    assertValidKey(key);
    return `${this.prefix}${key}`;
  }
}

function isValid(key: string): boolean {
  try {
    assertValidKey(key);
    return true;
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
}
