import type { Knex } from 'knex';

export const name = '20261202010000_create_staff';

export const STAFF_ROLES = ['admin', 'moderator', 'social_worker', 'parish_clerk'];

/**
 * The people who run Tilts from the web: who they are, the routing contacts that are theirs (a
 * clerk who answers by email and by web is one person, and their contacts' parishes are their
 * scope), how they sign in (an emailed single-use link, then a TOTP code) and their sessions.
 * Secrets that sign someone in are stored hashed; the TOTP secret is stored encrypted.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_members', (t) => {
    t.increments('id');
    t.string('email', 254).notNullable();
    t.string('name', 200).notNullable();
    t.string('role', 20).notNullable().checkIn(STAFF_ROLES);
    t.string('language', 2).notNullable().defaultTo('lv');
    t.boolean('active').notNullable().defaultTo(true);
    // AES-256-GCM under a key derived from SECRET: a copy of the database alone signs nobody in.
    t.text('totp_secret');
    t.text('totp_pending_secret');
    t.timestamp('totp_enrolled_at', { useTz: true });
    // The last TOTP time step accepted: a code is never accepted twice.
    t.bigInteger('totp_last_step');
    t.integer('failed_codes').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamps(true, true);
  });
  await knex.raw('CREATE UNIQUE INDEX staff_members_email ON staff_members (lower(email))');

  await knex.schema.createTable('staff_contacts', (t) => {
    t.integer('staff_id').notNullable().references('id').inTable('staff_members').onDelete('CASCADE');
    t.integer('contact_id').notNullable().references('id').inTable('contacts').onDelete('CASCADE');
    t.primary(['staff_id', 'contact_id']);
  });

  await knex.schema.createTable('staff_sign_in_links', (t) => {
    t.increments('id');
    t.integer('staff_id').notNullable().references('id').inTable('staff_members').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
  });

  await knex.schema.createTable('staff_sessions', (t) => {
    t.increments('id');
    t.string('id_hash', 64).notNullable().unique();
    t.integer('staff_id').notNullable().references('id').inTable('staff_members').onDelete('CASCADE');
    t.string('csrf_token', 64).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    // Null until the second factor is given: such a session opens only the code pages.
    t.timestamp('second_factor_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.index(['staff_id']);
  });

  await knex.schema.createTable('staff_recovery_codes', (t) => {
    t.increments('id');
    t.integer('staff_id').notNullable().references('id').inTable('staff_members').onDelete('CASCADE');
    t.string('code_hash', 64).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['staff_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_recovery_codes');
  await knex.schema.dropTable('staff_sessions');
  await knex.schema.dropTable('staff_sign_in_links');
  await knex.schema.dropTable('staff_contacts');
  await knex.schema.dropTable('staff_members');
}
