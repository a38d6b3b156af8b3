import type { Knex } from 'knex';
import type { Config } from '../config.js';
import type { ReferenceService } from '../reference/service.js';
import type { PublicWords } from '../reports/public-words.js';
import { OpenDataRepository } from './repository.js';
import { OpenDataService } from './service.js';

/** Open data: public reports as files, and the sitemap. */
export function createOpenDataServices(deps: {
  knex: Knex;
  reference: ReferenceService;
  config: Pick<Config, 'publicUrl'>;
  publicWords: Pick<PublicWords, 'of'>;
}) {
  return {
    openData: new OpenDataService({
      openData: new OpenDataRepository(deps.knex),
      reference: deps.reference,
      settings: { publicUrl: deps.config.publicUrl },
      publicWords: deps.publicWords,
    }),
  };
}

export type OpenDataServices = ReturnType<typeof createOpenDataServices>;
