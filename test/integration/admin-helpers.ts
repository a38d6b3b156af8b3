import assert from 'node:assert/strict';
import type { StaffRole } from '../../src/staff/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { addStaff, signIn, type StaffBrowser } from '../support/staff.js';

/** The app on a clean database with its clock in the test's hands, and an administrator signed in. */
export interface AdminWorld {
  context: TestContext;
  admin: StaffBrowser;
  /** Moves the app's clock on (two sign-ins of one person need 30 s between them). */
  later(ms: number): Date;
}

export async function adminWorld(): Promise<AdminWorld> {
  let now = new Date();
  const context = await makeApp({}, { clock: () => now });
  const member = await addStaff(context, { email: 'admin@example.org', role: 'admin', name: 'Ilze Admine' });
  const admin = await signIn(context, member);
  return {
    context,
    admin,
    later: (ms) => (now = new Date(now.getTime() + ms)),
  };
}

/** Another staff member of this role, signed in. */
export async function signedIn(
  world: AdminWorld,
  role: StaffRole,
  email = `${role.replace('_', '-')}@example.org`,
  contacts: string[] = [],
): Promise<StaffBrowser> {
  const member = await addStaff(world.context, { email, role, contacts });
  return signIn(world.context, member);
}

export { postForm as post } from '../support/staff.js';

interface AuditRow {
  id: number;
  staff_id: number | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

const parsed = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);

/** The newest audit row of this action, with before and after as objects (both engines). */
export async function lastAudit(world: AdminWorld, action: string): Promise<AuditRow> {
  const row = (await world.context.services
    .knex('audit_log')
    .where({ action })
    .orderBy('id', 'desc')
    .first()) as AuditRow | undefined;
  assert.ok(row, `an audit row for ${action}`);
  return { ...row, id: Number(row.id), before: parsed(row.before), after: parsed(row.after) };
}

export async function auditCount(world: AdminWorld, action?: string): Promise<number> {
  const query = world.context.services.knex('audit_log');
  if (action) void query.where({ action });
  const [row] = (await query.count({ count: '*' })) as { count: number | string }[];
  return Number(row!.count);
}

/** Text with HTML and a NUL byte: stored as text, shown escaped, never a server error. */
export const HOSTILE = '<script>alert(1)</script>\u0000 & "quoted"';
export const HOSTILE_SHOWN = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quoted&#34;';
