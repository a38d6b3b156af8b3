import { eachTest } from '../support/each-test.js';
import { staffWorkspace } from '../support/staff-workspace.js';

/** The staff workspace a test of the queue or a report's page works in, and the rows it reads back. */
async function makeDesk() {
  const workspace = await staffWorkspace();
  const { knex } = workspace.context.services;
  return {
    ...workspace,
    /** The app's clock when the workspace was made (these tests never move it). */
    now: workspace.now(),
    /** The outbox's emails of a kind about a report. */
    mails: (kind: string, reportId: number) => knex('outbox').where({ kind, report_id: reportId }),
    /** A report's row as stored. */
    reportRow: (id: number) => knex('reports').where({ id }).first(),
  };
}

/** A fresh workspace for each test of a `describe` (call it there); each test takes what it needs from `desk()`. */
export const reportsDesk = () => eachTest(makeDesk);

/** The references of the reports a queue page lists, in its order. */
export const refsIn = (html: string) =>
  [...html.matchAll(/data-qa="queue-item" data-ref="([^"]+)"/g)].map((match) => match[1]);
