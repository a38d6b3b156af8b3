import type { Language } from '../../src/i18n/index.js';
import type { StaffRole } from '../../src/staff/types.js';
import { makeApp, type TestContext } from '../support/app.js';
import { eachTest } from '../support/each-test.js';
import { addStaff, signIn, type StaffBrowser } from '../support/staff.js';

/** The app of a staff help-request test, on a clock, and its members signed in. */
export interface HelpStaff {
  context: TestContext;
  /** The app's clock (these tests never move it). */
  now: Date;
  /** Kaunata's social worker. */
  worker: StaffBrowser;
  /** Malta's social worker, outside Kaunata's scope. */
  maltaWorker: StaffBrowser;
  /** Kaunata's clerk, who never sees a private request. */
  clerk: StaffBrowser;
  admin: StaffBrowser;
}

/** Kaunata's and Malta's social workers, Kaunata's clerk and the admin, signed in to a fresh app. */
async function makeHelpStaff(): Promise<HelpStaff> {
  const now = new Date();
  const context = await makeApp({}, { clock: () => now });
  const member = (email: string, role: StaffRole, contacts: string[]) =>
    addStaff(context, { email, role, contacts });
  const worker = await signIn(
    context,
    await member('kaunatas.socialais@example.org', 'social_worker', ['kaunatas-social']),
  );
  const maltaWorker = await signIn(
    context,
    await member('maltas.socialais@example.org', 'social_worker', ['maltas-social']),
  );
  const clerk = await signIn(
    context,
    await member('kaunatas.parvalde@example.org', 'parish_clerk', ['kaunatas-admin']),
  );
  const admin = await signIn(context, await member('admin@example.org', 'admin', ['novads']));
  return { context, now, worker, maltaWorker, clerk, admin };
}

/** A fresh app and staff for each test of a `describe` (call it there); each test takes what it needs from `staff()`. */
export const helpStaff = () => eachTest(makeHelpStaff);

export const auditRows = (context: TestContext, action: string) =>
  context.services.knex('audit_log').where({ action }).orderBy('id');

/** The help panel of the staff report page, as this member sees it ('' when the report has none). */
export async function panelOf(
  browser: StaffBrowser,
  ref: string,
  language: Language = 'en',
): Promise<string> {
  const page = await browser.agent.get(`/staff/reports/${ref}?lang=${language}`).expect(200);
  return /<section aria-labelledby="help-request-heading"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '';
}
