import assert from 'node:assert/strict';
import { HOSTILE_SHOWN, adminWorld, auditCount, lastAudit, post, type AdminWorld } from './admin-helpers.js';

const LIST = '/staff/admin/dead-letters';

describe('admin: undelivered emails', () => {
  let world: AdminWorld;
  let counter = 0;

  /** An outbox row as the worker leaves it after a permanent failure. */
  const deadLetter = async (changes: Record<string, unknown> = {}) => {
    counter += 1;
    const [row] = (await world.context.services
      .knex('outbox')
      .insert({
        message_id: `<dead-${counter}@tilts.test>`,
        kind: 'report-new',
        to_email: `gone-${counter}@example.org`,
        to_name: 'Kaunatas pagasta pārvalde',
        language: 'lv',
        subject: `Jauns ziņojums RZN-2026-${counter}`,
        text_body: 'Teksts',
        html_body: '<p>Teksts</p>',
        status: 'dead',
        attempts: 12,
        last_error: '550 5.1.1 <gone@example.org>: Recipient address rejected',
        next_attempt_at: new Date('2026-12-01T10:00:00Z'),
        ...changes,
      })
      .returning('id')) as { id: number }[];
    return row!.id;
  };
  const row = (id: number) =>
    world.context.services.knex('outbox').where({ id }).first() as Promise<{
      status: string;
      attempts: number;
      next_attempt_at: Date;
      last_error: string;
    }>;

  before(async () => {
    world = await adminWorld();
  });

  it('lists dead emails with recipient, subject, attempts and the last error, escaped', async () => {
    const id = await deadLetter({ last_error: '<script>alert(1)</script> & "quoted"' });
    await deadLetter({ status: 'sent', attempts: 1, last_error: null });
    const page = await world.admin.agent.get(`${LIST}?lang=en`).expect(200);
    assert.deepEqual(
      [...page.text.matchAll(/data-qa="dead-letter-(\d+)"/g)].map((m) => Number(m[1])),
      [id],
    );
    assert.match(
      page.text,
      new RegExp(`data-qa="dead-letter-${id}">\\s*<th scope="row">Jauns ziņojums RZN-2026-1</th>`),
    );
    assert.match(page.text, /Kaunatas pagasta pārvalde &lt;gone-1@example.org&gt;/);
    assert.match(page.text, /<td>12<\/td>/);
    assert.ok(page.text.includes(`data-qa="last-error">${HOSTILE_SHOWN}<`));
  });

  it('puts one back in the queue: pending, every attempt again, due now, with the audit row', async () => {
    const id = await deadLetter();
    await post(world.admin, `${LIST}/${id}/retry`)
      .expect(303)
      .expect('Location', `${LIST}?done=retried&lang=en`);
    const retried = await row(id);
    assert.equal(retried.status, 'pending');
    assert.equal(retried.attempts, 0);
    assert.equal(new Date(retried.next_attempt_at).getTime(), world.context.services.clock().getTime());
    const audit = await lastAudit(world, 'outbox.retry');
    assert.equal(audit.object_type, 'outbox');
    assert.equal(audit.object_id, String(id));
    assert.deepEqual(audit.before, {
      status: 'dead',
      attempts: 12,
      lastError: '550 5.1.1 <gone@example.org>: Recipient address rejected',
      to: 'gone-3@example.org',
    });
    assert.deepEqual(audit.after, {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: world.context.services.clock().toISOString(),
      to: 'gone-3@example.org',
    });
    const page = await world.admin.agent.get(`${LIST}?done=retried&lang=en`).expect(200);
    assert.match(page.text, /data-qa="notice">The email is back in the queue/);
    assert.doesNotMatch(page.text, new RegExp(`data-qa="dead-letter-${id}"`));
  });

  it('does not retry an email twice, nor one whose text retention deleted', async () => {
    const before = await auditCount(world, 'outbox.retry');
    const id = await deadLetter();
    await post(world.admin, `${LIST}/${id}/retry`).expect(303);
    const again = await post(world.admin, `${LIST}/${id}/retry?lang=en`).expect(409);
    assert.match(again.text, /role="alert" data-qa="problem">This email is not undelivered any more/);
    const purged = await deadLetter({ text_body: '', html_body: '', bodies_purged_at: new Date() });
    const page = await world.admin.agent.get(`${LIST}?lang=en`).expect(200);
    assert.match(
      page.text,
      new RegExp(`data-qa="dead-letter-${purged}">[\\s\\S]*?Its text was deleted after the retention period`),
    );
    const refused = await post(world.admin, `${LIST}/${purged}/retry?lang=en`).expect(409);
    assert.match(refused.text, /data-qa="problem">This email’s text was deleted after the retention period/);
    assert.equal((await row(purged)).status, 'dead');
    assert.equal(await auditCount(world, 'outbox.retry'), before + 1);
  });

  it('answers 404 for an email that does not exist', async () => {
    await post(world.admin, `${LIST}/777777/retry`).expect(404);
    await post(world.admin, `${LIST}/-1/retry`).expect(404);
  });
});
