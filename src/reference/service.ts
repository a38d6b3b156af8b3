import type { Apvieniba, Category, Parish } from './types.js';
import type { ReferenceRepository } from './repository.js';

/**
 * Places and categories change a few times a year, but every form and list reads them; a short
 * cache keeps them off the database on every page while an admin's change still shows within a
 * minute on every app process.
 *
 * Once loaded, a stale cache is answered at once and refreshed in the background. That matters:
 * these lookups happen inside transactions, and on the embedded engine (one connection) a query
 * outside the transaction would wait for it forever. `warm()` loads it before the first request.
 */
export class ReferenceService {
  private cache:
    | {
        at: number;
        apvienibas: readonly Apvieniba[];
        categories: readonly Category[];
        /** Every parish in the apvienības' order, and each place and category by code. */
        parishes: readonly Parish[];
        parishByCode: ReadonlyMap<string, Parish>;
        categoryByCode: ReadonlyMap<string, Category>;
      }
    | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly repository: ReferenceRepository,
    private readonly clock: () => number = Date.now,
    private readonly ttlMs = 60_000,
  ) {}

  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const [apvienibas, categories] = await Promise.all([
          this.repository.apvienibasWithParishes(),
          this.repository.categories(),
        ]);
        const parishes = apvienibas.flatMap((apvieniba) => apvieniba.parishes);
        // Every caller gets these same objects: frozen, so none can change another's copy.
        this.cache = {
          at: this.clock(),
          apvienibas: deepFreeze(apvienibas),
          categories: deepFreeze(categories),
          parishes: Object.freeze(parishes),
          parishByCode: new Map(parishes.map((parish) => [parish.code, parish])),
          categoryByCode: new Map(categories.map((category) => [category.code, category])),
        };
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private async load() {
    if (!this.cache) await this.refresh();
    else if (this.clock() - this.cache.at > this.ttlMs) {
      // A failed background refresh keeps the old data; the next call tries again.
      this.refresh().catch(() => undefined);
    }
    return this.cache!;
  }

  /** Loads the data now, so no request (and no transaction) waits for the first load. */
  async warm(): Promise<void> {
    await this.refresh();
  }

  /**
   * Loads the data again now, after an admin's change has committed: a load already under way may
   * have read the old rows, so it is waited for and not reused.
   */
  async reload(): Promise<void> {
    await this.refreshing?.catch(() => undefined);
    await this.refresh();
  }

  invalidate() {
    this.cache = undefined;
  }

  async apvienibas(): Promise<readonly Apvieniba[]> {
    return (await this.load()).apvienibas;
  }

  async parishes(): Promise<readonly Parish[]> {
    return (await this.load()).parishes;
  }

  async parish(code: string): Promise<Parish | undefined> {
    return (await this.load()).parishByCode.get(code);
  }

  async categories(): Promise<readonly Category[]> {
    return (await this.load()).categories;
  }

  async category(code: string): Promise<Category | undefined> {
    return (await this.load()).categoryByCode.get(code);
  }
}

/** Freezes a value and everything it holds (plain objects and arrays; a Date is left as it is). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
