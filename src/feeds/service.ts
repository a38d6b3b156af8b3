import type { FeedEntry, FeedFilters, FeedRepository } from './repository.js';

/** The entries of a feed: of the public list's filters, or of one report. */
export class FeedService {
  constructor(private readonly feeds: Pick<FeedRepository, 'entries'>) {}

  entries(filters: FeedFilters): Promise<FeedEntry[]> {
    return this.feeds.entries(filters);
  }
}
