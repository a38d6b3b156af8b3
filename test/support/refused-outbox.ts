import type { Knex } from 'knex';

/**
 * The database refuses every email of `kind` queued from now on (a trigger on the outbox), as any
 * failure in a notice's transaction would: the transaction fails, and the message is tried again.
 */
export async function refuseOutbox(knex: Knex, kind: string): Promise<void> {
  await knex.raw(`create or replace function refuse_outbox_kind() returns trigger language plpgsql as $$
    begin
      if new.kind = tg_argv[0] then raise exception 'refused for the test'; end if;
      return new;
    end $$`);
  // A trigger's argument is a literal in its statement, which takes no bound values.
  if (!/^[a-z-]+$/.test(kind)) throw new Error(`not a kind of email: ${kind}`);
  await knex.raw(
    `create trigger refuse_outbox_kind before insert on outbox for each row execute function refuse_outbox_kind('${kind}')`,
  );
}

/** The outbox takes every email again; harmless when nothing was refused (the database is shared). */
export async function allowOutbox(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists refuse_outbox_kind on outbox');
  await knex.raw('drop function if exists refuse_outbox_kind()');
}
