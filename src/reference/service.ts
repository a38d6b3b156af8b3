import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../i18n/index.js';
import type { Apvieniba, Category, Names, Parish } from './types.js';
import type { ReferenceRepository } from './repository.js';

/** Every list of places and categories in one language's alphabet. */
interface Lists {
  apvienibas: readonly Apvieniba[];
  categories: readonly Category[];
  /** Every parish in the apvienības' order. */
  parishes: readonly Parish[];
}

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
        byLanguage: Readonly<Record<Language, Lists>>;
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
        deepFreeze(apvienibas);
        deepFreeze(categories);
        const byLanguage = Object.fromEntries(
          LANGUAGES.map((language) => [language, deepFreeze(inAlphabet(language, apvienibas, categories))]),
        ) as Record<Language, Lists>;
        this.cache = {
          at: this.clock(),
          byLanguage,
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

  /** The apvienības and each one's parishes, in the alphabet of `language` (Latvian by default). */
  async apvienibas(language: Language = DEFAULT_LANGUAGE): Promise<readonly Apvieniba[]> {
    return (await this.load()).byLanguage[language].apvienibas;
  }

  /** Every parish, apvienība by apvienība, in the alphabet of `language`. */
  async parishes(language: Language = DEFAULT_LANGUAGE): Promise<readonly Parish[]> {
    return (await this.load()).byLanguage[language].parishes;
  }

  async parish(code: string): Promise<Parish | undefined> {
    return (await this.load()).parishByCode.get(code);
  }

  /** Every category, in the alphabet of `language`. */
  async categories(language: Language = DEFAULT_LANGUAGE): Promise<readonly Category[]> {
    return (await this.load()).byLanguage[language].categories;
  }

  async category(code: string): Promise<Category | undefined> {
    return (await this.load()).categoryByCode.get(code);
  }
}

/**
 * The lists as a reader of `language` looks things up: each apvienība's parishes in its alphabet
 * (Č right after C in Latvian, which the database's byte order puts after Z), sorted here, once per
 * load, so every page, form, feed and file lists them in the same order. The apvienības and the
 * categories keep the order the municipality gave them (the commonest problems first, "Other"
 * last), which no alphabet should undo.
 */
function inAlphabet(
  language: Language,
  apvienibas: readonly Apvieniba[],
  categories: readonly Category[],
): Lists {
  const collator = new Intl.Collator(language);
  const byName = (a: { names: Names }, b: { names: Names }) =>
    collator.compare(a.names[language], b.names[language]);
  const sorted = apvienibas.map((apvieniba) => ({
    ...apvieniba,
    parishes: [...apvieniba.parishes].sort(byName),
  }));
  return {
    apvienibas: sorted,
    categories,
    parishes: sorted.flatMap((apvieniba) => apvieniba.parishes),
  };
}

/** Freezes a value and everything it holds (plain objects and arrays; a Date is left as it is). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
