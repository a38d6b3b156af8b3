import type { Knex } from 'knex';

export const name = '20261211010000_create_api_keys';

/**
 * Keys of the Open311 clients that may post requests. Only a hash of each key is kept (the admin
 * sees the key once, when it is made) with its first characters, so keys can be told apart. A
 * trusted partner's requests need no confirmation email; a key is revoked, never deleted, so the
 * requests it posted still say which key that was.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('api_keys', (t) => {
    t.increments('id');
    t.string('key_hash', 64).notNullable().unique();
    t.string('key_prefix', 16).notNullable();
    t.string('label', 120).notNullable();
    t.boolean('trusted').notNullable().defaultTo(false);
    t.integer('created_by_staff_id').references('id').inTable('staff_members').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.integer('revoked_by_staff_id').references('id').inTable('staff_members').onDelete('SET NULL');
    t.timestamp('last_used_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('api_keys');
}
