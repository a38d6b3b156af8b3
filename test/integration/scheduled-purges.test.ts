import assert from 'node:assert/strict';
import pino from 'pino';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { registerTasks } from '../../src/scheduled-tasks.js';
import { makeApp, type TestContext } from '../support/app.js';
import { addStaff, NOVADS_ADMIN } from '../support/staff.js';

const MINUTE = 60_000;
const NOW = new Date('2027-02-01T10:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

/** The tasks a server schedules, run once as its scheduler runs them. */
describe('the scheduled purges a server runs', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp({}, { clock: () => NOW });
  });

  it('deletes staff sessions and sign-in links once they have ended, and keeps those still in use', async () => {
    const { knex } = context.services;
    const member = await addStaff(context, NOVADS_ADMIN);
    const session = (hash: string, expiresAt: Date) => ({
      id_hash: hash.padEnd(64, '0'),
      staff_id: member.id,
      csrf_token: 'c'.repeat(64),
      created_at: at(-13 * 60 * MINUTE),
      last_seen_at: at(-60 * MINUTE),
      expires_at: expiresAt,
    });
    await knex('staff_sessions').insert([session('ended', at(-MINUTE)), session('live', at(MINUTE))]);
    const link = (hash: string, expiresAt: Date) => ({
      staff_id: member.id,
      token_hash: hash.padEnd(64, '0'),
      created_at: at(-20 * MINUTE),
      expires_at: expiresAt,
    });
    await knex('staff_sign_in_links').insert([link('old', at(-MINUTE)), link('new', at(5 * MINUTE))]);

    const scheduler = registerTasks(new Scheduler({ knex, logger: pino({ level: 'silent' }) }), {
      services: context.services,
      config: context.config,
      logger: pino({ level: 'silent' }),
    });
    const ran = await scheduler.runDue();
    assert.ok(ran.includes('purge-staff-sessions'), ran.join(', '));

    const sessions = (await knex('staff_sessions').pluck('id_hash')) as string[];
    assert.deepEqual(sessions, ['live'.padEnd(64, '0')]);
    const links = (await knex('staff_sign_in_links').pluck('token_hash')) as string[];
    assert.deepEqual(links, ['new'.padEnd(64, '0')]);
  });
});
