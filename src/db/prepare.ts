import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { DEFAULT_DEMO_COUNT, seedDemoIfEmpty } from '../../seeds/demo.js';
import { seedReference } from '../../seeds/reference.js';
import { seedDemoStaff } from '../../seeds/demo-staff.js';
import { seedDemoHelpRequests } from '../../seeds/demo-help-requests.js';
import { seedDemoHelpOffers } from '../../seeds/demo-help-offers.js';
import { ContactRepository } from '../contacts/repository.js';
import { PhotoRepository } from '../photos/repository.js';
import { warnOfMissingPhotos } from '../photos/storage-check.js';
import type { Database, Engine } from './knex.js';
import { migrateLatest } from './migrate.js';
import type { PhotoStorage } from '../uploads/storage.js';

/**
 * Whether start-up may load the demo reports. `auto` means a developer's or visitor's first
 * `npm start`: the embedded engine outside production. A server database (DATABASE_URL) or a
 * production install gets them only when asked (`SEED_DEMO=yes` or `npm run seed:demo`).
 */
export function wantsDemo(config: Pick<Config, 'seedDemo' | 'production'>, engine: Engine): boolean {
  if (config.seedDemo === 'no') return false;
  if (config.seedDemo === 'yes') return true;
  return engine === 'pglite' && !config.production;
}

/**
 * A new install's contacts are placeholders at example.org until the admin enters real addresses:
 * until then reports go nowhere. Production says so once at start-up (how many, never which); the
 * demo uses such addresses on purpose, so development does not.
 */
export async function warnOfPlaceholderContacts(
  contacts: Pick<ContactRepository, 'countPlaceholders'>,
  logger: Pick<Logger, 'warn'>,
): Promise<number> {
  const count = await contacts.countPlaceholders();
  if (count > 0)
    logger.warn(
      { count },
      'contacts still have placeholder addresses: reports routed to them reach no one until an administrator enters real ones at /staff/admin/contacts/addresses',
    );
  return count;
}

/**
 * Brings any database, new or old, to the current schema with the reference data in place, and
 * loads the demo when wanted (wantsDemo), its photos into `photoStorage`: the app's own store.
 * Then warns when the newest report photos are not in that store (warnOfMissingPhotos).
 */
export async function prepareDatabase(
  database: Database,
  config: Config,
  logger: Logger,
  photoStorage: PhotoStorage,
): Promise<void> {
  const applied = await migrateLatest(database.knex);
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  await seedReference(database.knex);
  if (config.production) await warnOfPlaceholderContacts(new ContactRepository(database.knex), logger);
  if (wantsDemo(config, database.engine)) await loadDemo(database, config, logger, photoStorage);
  await warnOfMissingPhotos(new PhotoRepository(database.knex), photoStorage, logger);
}

/** The demo, into a database without reports (wantsDemo). */
async function loadDemo(database: Database, config: Config, logger: Logger, photoStorage: PhotoStorage) {
  // Only into a database without reports: a restart, or a database in real use, is never touched.
  const demo = await seedDemoIfEmpty(database.knex, {
    count: DEFAULT_DEMO_COUNT,
    storage: photoStorage,
    now: new Date(),
  });
  if (demo) logger.info(demo, 'demo reports loaded');
  // Demo staff only beside demo reports, and only where they are sealed with this install's secret.
  const staff = demo ? await seedDemoStaff(database.knex, { secret: config.secret, now: new Date() }) : 0;
  if (staff > 0) logger.info({ staff }, 'demo staff added: sign in at /staff (see the README)');
  // Requests for help beside the demo reports (not among them: the demo keeps its 300 reports).
  const helpRequests = demo ? await seedDemoHelpRequests(database.knex, { now: new Date() }) : 0;
  if (helpRequests > 0) logger.info({ helpRequests }, 'demo requests for help loaded');
  const helpOffers = demo ? await seedDemoHelpOffers(database.knex, { now: new Date() }) : 0;
  if (helpOffers > 0) logger.info({ helpOffers }, 'demo offers of help loaded');
}
