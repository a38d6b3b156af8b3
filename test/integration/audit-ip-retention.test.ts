import assert from 'node:assert/strict';
import pino from 'pino';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { registerTasks } from '../../src/scheduled-tasks.js';
import { adminWorld, type AdminWorld } from './admin-helpers.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Staff members' IP addresses are not kept for ever: after AUDIT_IP_RETENTION_DAYS the hourly task
 * takes them out of the audit log, and the entries stay as the municipality's record. The database
 * still refuses any other change to the log.
 */
describe('the audit log forgets staff members’ IP addresses after their period', () => {
  let world: AdminWorld;
  const ids: Record<string, number> = {};

  before(async () => {
    world = await adminWorld();
    const { audit, knex } = world.context.services;
    const days = world.context.config.retention.auditIpDays;
    const entry = async (key: string, ageDays: number, ip: string | null) => {
      await audit.append(
        knex,
        {
          staffId: world.admin.member.id,
          action: 'report.update',
          objectType: 'report',
          objectId: `RZN-2026-${key}`,
          before: { status: 'open' },
          after: { status: 'resolved', reason: key },
          ip,
        },
        new Date(Date.now() - ageDays * DAY),
      );
      const added = (await knex('audit_log')
        .where({ object_id: `RZN-2026-${key}` })
        .first('id')) as { id: number | string };
      ids[key] = Number(added.id);
    };
    await entry('old', days + 1, '192.0.2.7');
    await entry('recent', days - 1, '192.0.2.8');
    await entry('never', days + 1, null);
  });

  const row = (key: string) =>
    world.context.services.knex('audit_log').where({ id: ids[key] }).first() as Promise<{
      ip: string | null;
      action: string;
      object_id: string;
      staff_id: number;
      at: Date;
    }>;

  it('takes out the IP address of entries older than the period, and keeps the entries', async () => {
    const { knex } = world.context.services;
    const before = await row('old');
    const scheduler = registerTasks(new Scheduler({ knex, logger: pino({ level: 'silent' }) }), {
      services: world.context.services,
      config: world.context.config,
      logger: pino({ level: 'silent' }),
    });
    const ran = await scheduler.runDue();
    assert.ok(ran.includes('forget-audit-ips'), ran.join(', '));

    const old = await row('old');
    assert.equal(old.ip, null);
    assert.deepEqual({ ...old, ip: before.ip }, before, 'the entry itself is unchanged');
    assert.equal((await row('recent')).ip, '192.0.2.8', 'a newer entry keeps its address');
    assert.equal((await row('never')).ip, null);
  });

  it('shows an entry whose address was taken out on the audit page', async () => {
    const page = await world.admin.agent.get('/staff/audit?lang=en').expect(200);
    const old = new RegExp(`data-qa="audit-${ids.old}">([\\s\\S]*?)</tr>`).exec(page.text);
    assert.ok(old, 'the old entry is listed');
    assert.match(old[1]!, /RZN-2026-old/);
    assert.doesNotMatch(old[1]!, /192\.0\.2\.7/);
    assert.match(page.text, /192\.0\.2\.8/, 'a newer entry still shows its address');
  });

  it('still refuses every other change: deleting, rewriting an entry, or writing an address', async () => {
    const { knex } = world.context.services;
    const refused = async (change: Promise<unknown>, what: string) =>
      assert.rejects(change, /append-only/, what);
    await refused(knex('audit_log').where({ id: ids.recent }).delete(), 'delete');
    await refused(knex('audit_log').where({ id: ids.recent }).update({ action: 'report.view' }), 'action');
    await refused(
      knex('audit_log').where({ id: ids.recent }).update({ ip: null, object_id: 'RZN-2026-other' }),
      'the address taken out with another change',
    );
    await refused(
      knex('audit_log').where({ id: ids.recent }).update({ ip: '198.51.100.1' }),
      'another address',
    );
    await refused(
      knex('audit_log').where({ id: ids.never }).update({ ip: '198.51.100.1' }),
      'an address written',
    );
    assert.equal((await row('recent')).ip, '192.0.2.8');
    assert.equal((await row('recent')).action, 'report.update');
  });
});
