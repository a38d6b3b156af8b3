import type { Knex } from 'knex';
import { FeedRepository } from './repository.js';
import { FeedService } from './service.js';

/** Atom and RSS feeds of reports. */
export function createFeedServices(knex: Knex) {
  return { feeds: new FeedService(new FeedRepository(knex)) };
}

export type FeedServices = ReturnType<typeof createFeedServices>;
