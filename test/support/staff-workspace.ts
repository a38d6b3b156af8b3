import type { Report } from '../../src/reports/types.js';
import type { StaffMember } from '../../src/staff/types.js';
import { makeApp, type TestContext } from './app.js';
import { makeReport } from './reports.js';
import { addStaff, KAUNATA_CLERK, KAUNATA_WORKER, NOVADS_ADMIN, signIn, type StaffBrowser } from './staff.js';

/** Kaunata's social worker and clerk and the novads' admin, signed in, and three reports to work on. */
export interface StaffWorkspace {
  context: TestContext;
  worker: StaffBrowser;
  clerk: StaffBrowser;
  admin: StaffBrowser;
  kaunataPublic: Report;
  /** A help request: private, seen by the social worker and not by the clerk. */
  kaunataPrivate: Report;
  maltaPublic: Report;
  /** The app's clock now. */
  now(): Date;
  /** Moves the app's clock on by `ms`, and says where it is. */
  later(ms: number): Date;
}

export async function staffWorkspace(): Promise<StaffWorkspace> {
  let now = new Date();
  const context = await makeApp({}, { clock: () => now });
  const kaunataPublic = (
    await makeReport(context.services, { title: 'Bedre pie skolas', email: 'anna@example.lv' })
  ).report;
  const kaunataPrivate = (
    await makeReport(context.services, { category: 'elderly-help', title: 'Kaimiņienei vajag malku' })
  ).report;
  const maltaPublic = (await makeReport(context.services, { parish: 'maltas', title: 'Nedeg laterna Maltā' }))
    .report;
  const members: StaffMember[] = await Promise.all(
    [KAUNATA_WORKER, KAUNATA_CLERK, NOVADS_ADMIN].map((member) => addStaff(context, member)),
  );
  return {
    context,
    worker: await signIn(context, members[0]!),
    clerk: await signIn(context, members[1]!),
    admin: await signIn(context, members[2]!),
    kaunataPublic,
    kaunataPrivate,
    maltaPublic,
    now: () => now,
    later: (ms) => (now = new Date(now.getTime() + ms)),
  };
}
