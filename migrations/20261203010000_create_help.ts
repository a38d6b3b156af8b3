import type { Knex } from 'knex';

export const name = '20261203010000_create_help';

const KINDS = ['transport', 'shopping', 'household', 'company', 'digital', 'paperwork', 'other'];
const MATCH_STATES = ['proposed', 'accepted', 'declined', 'agreed', 'refused', 'shared', 'cancelled', 'done'];
const EVENTS = [...MATCH_STATES, 'followup_sent', 'followup_answer', 'concern', 'outcome'];

/**
 * Help: volunteers' offers, requests for help (a request is a private report with these details
 * beside it), and the social worker's matches between them. A match moves through states with
 * both sides' consent; every step is a row of help_match_events, which the database refuses to
 * change or delete. Events hold codes, never free text, so erasing a person never needs to touch
 * them: the statistics stay, the person goes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('help_offers', (t) => {
    t.increments('id');
    t.string('status', 12).notNullable().checkIn(['unconfirmed', 'active', 'paused', 'withdrawn']);
    t.string('offered_by', 12).notNullable().checkIn(['individual', 'organisation']);
    t.string('name', 120).notNullable();
    // An organisation may choose to be listed on /help by name (never by its contacts).
    t.boolean('listed').notNullable().defaultTo(false);
    t.string('email', 254).notNullable();
    t.string('phone', 40);
    // How the person they help may reach them, once both have agreed.
    t.boolean('share_email').notNullable().defaultTo(false);
    t.boolean('share_phone').notNullable().defaultTo(false);
    // When: days of the week (mon…sun, comma-separated) and a note, or "ask me".
    t.string('days', 40).notNullable().defaultTo('');
    t.string('times', 200).notNullable().defaultTo('');
    t.boolean('ask_me').notNullable().defaultTo(false);
    // Languages they speak (lv, ltg, ru, en, other: comma-separated).
    t.string('speaks', 60).notNullable().defaultTo('');
    t.text('about').notNullable().defaultTo('');
    // How many people they can help at once; matching counts the ones they help now.
    t.integer('capacity').notNullable().defaultTo(1);
    t.string('language', 2).notNullable().defaultTo('lv');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('confirmed_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.timestamp('paused_at', { useTz: true });
    t.timestamp('withdrawn_at', { useTz: true });
    // "Still available?": asked every three months; unanswered, the offer is paused.
    t.timestamp('checked_at', { useTz: true });
    t.timestamp('check_sent_at', { useTz: true });
    t.timestamp('erased_at', { useTz: true });
    t.index(['status']);
    t.index(['email']);
  });
  await knex.schema.createTable('help_offer_kinds', (t) => {
    t.integer('offer_id').notNullable().references('id').inTable('help_offers').onDelete('CASCADE');
    t.string('kind', 20).notNullable().checkIn(KINDS);
    t.primary(['offer_id', 'kind']);
    t.index(['kind']);
  });
  await knex.schema.createTable('help_offer_parishes', (t) => {
    t.integer('offer_id').notNullable().references('id').inTable('help_offers').onDelete('CASCADE');
    t.string('parish_code', 40).notNullable().references('code').inTable('parishes');
    t.primary(['offer_id', 'parish_code']);
    t.index(['parish_code']);
  });

  await knex.schema.createTable('help_requests', (t) => {
    t.integer('report_id').primary().references('id').inTable('reports').onDelete('CASCADE');
    t.string('for_whom', 8).notNullable().checkIn(['self', 'other']);
    // For someone else: do they know and agree? (GDPR art. 14: they are told what was recorded.)
    t.string('subject_knows', 8).checkIn(['yes', 'no', 'unsure']);
    t.string('subject_name', 120);
    t.string('subject_phone', 40);
    t.string('subject_email', 254);
    t.timestamp('subject_told_at', { useTz: true });
    // Comma-separated kinds of help, as in offers.
    t.string('kinds', 120).notNullable().defaultTo('');
    // What they would like: a volunteer, a call back, or a visit from the social worker.
    t.string('wants', 12).notNullable().checkIn(['volunteer', 'call_back', 'visit']);
    t.string('days', 40).notNullable().defaultTo('');
    t.string('times', 200).notNullable().defaultTo('');
    t.string('speaks', 60).notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('erased_at', { useTz: true });
  });

  await knex.schema.createTable('help_matches', (t) => {
    t.increments('id');
    t.integer('report_id').notNullable().references('id').inTable('reports');
    t.integer('offer_id').notNullable().references('id').inTable('help_offers');
    t.string('state', 12).notNullable().checkIn(MATCH_STATES);
    t.integer('proposed_by_staff_id').references('id').inTable('staff_members').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.timestamp('shared_at', { useTz: true });
    t.timestamp('followup_due_at', { useTz: true });
    t.index(['report_id']);
    t.index(['offer_id', 'state']);
    t.index(['followup_due_at']);
  });
  // However many volunteers are asked, one match per request goes ahead at a time.
  await knex.raw(
    "CREATE UNIQUE INDEX help_matches_one_going_ahead ON help_matches (report_id) WHERE state IN ('accepted', 'agreed', 'shared')",
  );

  await knex.schema.createTable('help_match_events', (t) => {
    t.bigIncrements('id');
    t.integer('match_id').notNullable().references('id').inTable('help_matches');
    t.string('event', 20).notNullable().checkIn(EVENTS);
    t.string('actor', 10).notNullable().checkIn(['staff', 'volunteer', 'person', 'system']);
    t.integer('staff_id').references('id').inTable('staff_members').onDelete('SET NULL');
    t.string('via', 8).notNullable().checkIn(['web', 'email', 'phone', 'system']);
    // A code (a follow-up answer, an outcome), never words a person typed.
    t.string('detail', 40);
    t.timestamp('at', { useTz: true }).notNullable();
    t.index(['match_id', 'id']);
  });
  await knex.raw(`CREATE FUNCTION help_match_events_append_only() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'help_match_events is append-only: % refused', TG_OP;
    END;
    $$ LANGUAGE plpgsql`);
  await knex.raw(`CREATE TRIGGER help_match_events_append_only BEFORE UPDATE OR DELETE ON help_match_events
    FOR EACH ROW EXECUTE FUNCTION help_match_events_append_only()`);

  // "Raise a concern": words from either side, for the social worker; erasable with the person.
  await knex.schema.createTable('help_concerns', (t) => {
    t.increments('id');
    t.integer('match_id').notNullable().references('id').inTable('help_matches');
    t.string('side', 10).notNullable().checkIn(['volunteer', 'person']);
    t.text('text').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('erased_at', { useTz: true });
    t.index(['match_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('help_concerns');
  await knex.raw('DROP TRIGGER help_match_events_append_only ON help_match_events');
  await knex.raw('DROP FUNCTION help_match_events_append_only()');
  await knex.schema.dropTable('help_match_events');
  await knex.schema.dropTable('help_matches');
  await knex.schema.dropTable('help_requests');
  await knex.schema.dropTable('help_offer_parishes');
  await knex.schema.dropTable('help_offer_kinds');
  await knex.schema.dropTable('help_offers');
}
