import type { Knex } from 'knex';
import { SCENES } from './data/demo-types.js';
import { makePhotoLibrary, type PhotoLibrary } from './demo-photos.js';
import { demoDates, planReport, type DemoReference, type PlanContext } from './demo-plan.js';
import { seededRandom, type Random } from './demo-random.js';
import { insertPlans, type Contact } from './demo-rows.js';
import type { PhotoStorage } from '../src/uploads/storage.js';

export const DEFAULT_DEMO_COUNT = 300;
const DEMO_SEED = 20261123;
const BATCH = 1000;
// Any fixed number: two processes starting on one empty database must not both load the demo.
const DEMO_LOCK = 7_362_001;

export type PhotoMode = 'normal' | 'few' | 'none';

export interface DemoOptions {
  /** How many reports (default 300). */
  count?: number;
  /** Where photo files go: the app's own photo storage (DATA_DIR/uploads, or its bucket). */
  storage: PhotoStorage;
  /** The demo's "today": reports are spread over the ten months before it. */
  now?: Date;
  /** Defaults to a fixed seed, so every fresh install shows the same demo. */
  random?: Random;
  /** `normal`: about a third of reports have photos; `few`: about 150 in all (benchmarks); `none`. */
  photos?: PhotoMode;
  /** Timelines with only the status changes, no comments (default: above 10,000 reports). */
  bulk?: boolean;
}

export interface DemoSummary {
  reports: number;
  updates: number;
  photos: number;
  ms: number;
}

export async function hasReports(db: Knex | Knex.Transaction): Promise<boolean> {
  const row = (await db('reports').first('id')) as { id: number } | undefined;
  return row !== undefined;
}

/** Loads the demo in one transaction: a failure leaves no half demo (photo files may stay behind). */
export function seedDemo(knex: Knex, options: DemoOptions): Promise<DemoSummary> {
  return knex.transaction((trx) => writeDemo(trx, options));
}

/** Loads the demo only into a database without reports; undefined when it had some. */
export function seedDemoIfEmpty(knex: Knex, options: DemoOptions): Promise<DemoSummary | undefined> {
  return knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [DEMO_LOCK]);
    if (await hasReports(trx)) return undefined;
    return writeDemo(trx, options);
  });
}

interface ParishRow {
  code: string;
  apvieniba_code: string;
  centre: string;
  lat: number | null;
  lon: number | null;
  population: number | null;
}

interface RuleRow {
  parish_code: string | null;
  apvieniba_code: string | null;
  category_code: string | null;
  contact_id: number;
}

async function loadReference(
  trx: Knex.Transaction,
): Promise<{ reference: DemoReference; contacts: Map<number, Contact> }> {
  // One after another: a transaction is one connection, which runs one query at a time.
  const parishes = await trx('parishes')
    .select('code', 'apvieniba_code', 'centre', 'lat', 'lon', 'population')
    .orderBy('code');
  const categories = await trx('categories')
    .where('active', true)
    .select('code', 'visibility')
    .orderBy('sort');
  const rules = await trx('routing_rules')
    .select('parish_code', 'apvieniba_code', 'category_code', 'contact_id')
    .orderBy('id');
  const contacts = await trx('contacts').select('id', 'role', 'name', 'email');
  return {
    reference: {
      parishes: (parishes as ParishRow[]).map((row) => ({
        code: row.code,
        apvienibaCode: row.apvieniba_code,
        centre: row.centre,
        lat: row.lat,
        lon: row.lon,
        population: row.population,
      })),
      categories: categories as DemoReference['categories'],
      rules: (rules as RuleRow[]).map((row) => ({
        parishCode: row.parish_code,
        apvienibaCode: row.apvieniba_code,
        categoryCode: row.category_code,
        contactId: row.contact_id,
      })),
    },
    contacts: new Map((contacts as Contact[]).map((contact) => [contact.id, contact])),
  };
}

/** Takes `count` values of a sequence at once, in order, so rows can carry their ids before insert. */
async function allocate(trx: Knex.Transaction, sequence: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await trx.raw<{ rows: { n: number }[] }>(
    `select nextval(${sequence})::int as n from generate_series(1, ?::int)`,
    [count],
  );
  return rows.map((row) => row.n).sort((a, b) => a - b);
}

async function writeDemo(trx: Knex.Transaction, options: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const count = options.count ?? DEFAULT_DEMO_COUNT;
  const random = options.random ?? seededRandom(DEMO_SEED);
  const now = options.now ?? new Date();
  const mode = options.photos ?? 'normal';
  const { reference, contacts } = await loadReference(trx);
  // Photos draw from their own stream, so the reports are the same whatever the photo mode.
  const pictures = seededRandom(Math.floor(random() * 2 ** 32));
  const library: PhotoLibrary | undefined =
    mode === 'none' ? undefined : await makePhotoLibrary(pictures, SCENES, mode === 'few' ? 1 : 2);
  const context: PlanContext = {
    reference,
    now,
    photoChance: mode === 'normal' ? 0.45 : mode === 'few' ? Math.min(0.45, 150 / count) : 0,
    minimal: options.bulk ?? count > 10_000,
    latest: new Map(),
  };
  const { storage } = options;
  const summary: DemoSummary = { reports: 0, updates: 0, photos: 0, ms: 0 };
  const dates = demoDates(random, count, now);
  for (let start = 0; start < dates.length; start += BATCH) {
    const slice = dates.slice(start, start + BATCH);
    const ids = await allocate(trx, "pg_get_serial_sequence('reports', 'id')", slice.length);
    const numbers = await allocate(trx, "'report_number_seq'", slice.length);
    const plans = slice.map((createdAt, i) =>
      planReport(random, context, { id: ids[i]!, number: numbers[i]!, createdAt }),
    );
    const updateIds = await allocate(
      trx,
      "pg_get_serial_sequence('report_updates', 'id')",
      plans.reduce((sum, plan) => sum + plan.history.events.length, 0),
    );
    const written = await insertPlans(trx, {
      plans,
      updateIds,
      contacts,
      library,
      storage,
      random: pictures,
      now,
    });
    summary.reports += plans.length;
    summary.updates += written.updates;
    summary.photos += written.photos;
  }
  summary.ms = Date.now() - started;
  return summary;
}
