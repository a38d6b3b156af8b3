import type { StaffRole } from '../../src/staff/types.js';
import type { TestContext } from '../support/app.js';
import { addStaff, signIn, type StaffBrowser } from '../support/staff.js';

/** A signed-in member of staff of this role (a moderator unless told otherwise), as a browser signs in. */
export async function staffBrowser(
  context: TestContext,
  role: StaffRole = 'moderator',
  email = `${role.replace('_', '-')}@rezeknesnovads.lv`,
): Promise<StaffBrowser> {
  const contacts =
    role === 'social_worker' ? ['kaunatas-social'] : role === 'parish_clerk' ? ['kaunatas-admin'] : [];
  return signIn(context, await addStaff(context, { email, role, contacts }));
}

export { postForm as postAs } from '../support/staff.js';

/** The newest audit rows of an action, newest first. */
export function auditOf(context: TestContext, action: string) {
  return context.services.audit.list({ action, limit: 20 });
}
