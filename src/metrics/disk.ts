import { statfs } from 'node:fs/promises';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';

/**
 * The room left where DATA_DIR is, read at each scrape: photos (with local storage), uploads in
 * flight, raw inbound mail and the embedded database all live there, and a full disk turns a
 * resident's photo or a parish's reply into an error. Bytes available to the app, not to root.
 */
export function diskMetrics(registry: Registry, dataDir: string, logger: Pick<Logger, 'warn'>): void {
  let warned = false;
  const read = async () => {
    try {
      const fs = await statfs(dataDir);
      warned = false;
      return { free: fs.bavail * fs.bsize, size: fs.blocks * fs.bsize };
    } catch (error) {
      if (!warned)
        logger.warn({ err: error }, 'metrics: DATA_DIR could not be measured; its disk figures left out');
      warned = true;
      return undefined;
    }
  };
  // A statfs call is one system call: each gauge makes its own.
  const figure = (key: 'free' | 'size') =>
    async function (this: Gauge) {
      const figures = await read();
      this.reset();
      if (figures) this.set(figures[key]);
    };
  new Gauge({
    name: 'tilts_data_dir_free_bytes',
    help: 'Bytes free for the app on the filesystem of DATA_DIR (photos, uploads, inbound mail, the embedded database).',
    registers: [registry],
    collect: figure('free'),
  });
  new Gauge({
    name: 'tilts_data_dir_size_bytes',
    help: 'Size in bytes of the filesystem of DATA_DIR.',
    registers: [registry],
    collect: figure('size'),
  });
}
