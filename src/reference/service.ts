import type { Apvieniba, Category, Parish } from './types.js';
import type { ReferenceRepository } from './repository.js';

/**
 * Places and categories change a few times a year, but every form and list reads them; a short
 * cache keeps them off the database on every page while an admin's change still shows within a
 * minute on every app process.
 */
export class ReferenceService {
  private cache: { at: number; apvienibas: Apvieniba[]; categories: Category[] } | undefined;

  constructor(
    private readonly repository: ReferenceRepository,
    private readonly clock: () => number = Date.now,
    private readonly ttlMs = 60_000,
  ) {}

  private async load() {
    const now = this.clock();
    if (!this.cache || now - this.cache.at > this.ttlMs) {
      const [apvienibas, categories] = await Promise.all([
        this.repository.apvienibasWithParishes(),
        this.repository.categories(),
      ]);
      this.cache = { at: now, apvienibas, categories };
    }
    return this.cache;
  }

  invalidate() {
    this.cache = undefined;
  }

  async apvienibas(): Promise<Apvieniba[]> {
    return (await this.load()).apvienibas;
  }

  async parishes(): Promise<Parish[]> {
    return (await this.load()).apvienibas.flatMap((apvieniba) => apvieniba.parishes);
  }

  async parish(code: string): Promise<Parish | undefined> {
    return (await this.parishes()).find((parish) => parish.code === code);
  }

  async categories(): Promise<Category[]> {
    return (await this.load()).categories;
  }

  async category(code: string): Promise<Category | undefined> {
    return (await this.categories()).find((category) => category.code === code);
  }
}
