import type { Config } from '../config.js';
import { S3PhotoStorage } from './s3-storage.js';
import { LocalDiskStorage, type PhotoStorage } from './storage.js';

/** The photo storage the configuration names: `uploadDir` on this machine, or an S3 bucket. */
export function createPhotoStorage(config: Pick<Config, 'photoStorage' | 'uploadDir'>): PhotoStorage {
  const settings = config.photoStorage;
  return settings.kind === 's3'
    ? S3PhotoStorage.fromConfig(settings)
    : new LocalDiskStorage(config.uploadDir);
}
