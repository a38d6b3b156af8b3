import assert from 'node:assert/strict';
import type { Report } from '../../src/reports/types.js';
import { eachTest } from '../support/each-test.js';
import { confirmedFollower, makeReport } from '../support/reports.js';
import { addStaff, postForm, signIn } from '../support/staff.js';
import { staffWorkspace } from '../support/staff-workspace.js';

/** The address a moderator banned: its reports are held from the start. */
export const BANNED = 'spamer@example.lv';

/** The staff workspace once a moderator has banned `BANNED`, and how to make its held reports. */
async function makeHeldDesk() {
  const workspace = await staffWorkspace();
  const { context } = workspace;
  const { knex } = context.services;
  const moderator = await signIn(
    context,
    await addStaff(context, { email: 'moderators@example.org', role: 'moderator' }),
  );
  await postForm(moderator, '/staff/moderation/bans', {
    kind: 'address',
    value: BANNED,
    reason: 'Reklāma',
  }).expect(303);

  /** A report by the banned sender, held. */
  const held = async (): Promise<Report> => {
    const { report } = await makeReport(context.services, { email: BANNED, title: 'Lēti logi' });
    const row = await knex('reports').where({ id: report.id }).first('held_at');
    assert.ok(row.held_at, 'held');
    return report;
  };
  /**
   * A follower of a held report, as one would be had it been public once (nobody can follow a held
   * one): let through for the follow, then held again as it was.
   */
  const followHeld = async (
    report: Report,
    follower: { email: string; name: string; language: 'lv' | 'en' | 'ru' },
  ): Promise<void> => {
    const { held_at: heldAt } = await knex('reports').where({ id: report.id }).first('held_at');
    await knex('reports').where({ id: report.id }).update({ held_at: null });
    await confirmedFollower(context.services, report, follower);
    await knex('reports').where({ id: report.id }).update({ held_at: heldAt });
  };
  return { ...workspace, held, followHeld };
}

/** A fresh held-report desk for each test of a `describe` (call it there); a test reads it from `desk()`. */
export const heldDesk = () => eachTest(makeHeldDesk);
