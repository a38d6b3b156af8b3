import type { Knex } from 'knex';
import * as enableExtensions from './20261123010000_enable_extensions.js';
import * as createPlaces from './20261123010100_create_places.js';
import * as createCategories from './20261123010200_create_categories.js';
import * as createContactsAndRouting from './20261123010300_create_contacts_and_routing.js';

interface MigrationModule {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const migrations: readonly MigrationModule[] = [
  enableExtensions,
  createPlaces,
  createCategories,
  createContactsAndRouting,
];
