import assert from 'node:assert/strict';
import type { Status } from '../../src/reports/types.js';
import { moveReport } from '../support/reports.js';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';

/** The values of the report page's "New status" list, in order ('' keeps the status). */
function statusOptions(html: string): string[] {
  const select = html.slice(html.indexOf('id="update-status"'));
  return [...select.slice(0, select.indexOf('</select>')).matchAll(/<option value="([a-z_]*)"/g)].map(
    (match) => match[1]!,
  );
}

describe('the report page offers only the statuses the report can move to', () => {
  let workspace: StaffWorkspace;

  beforeEach(async () => {
    workspace = await staffWorkspace();
  });

  it('lists, from each status, exactly those the update form accepts', async () => {
    const { context, clerk, kaunataPublic: report } = workspace;
    const offered: [Status, string[]][] = [
      ['open', ['', 'acknowledged', 'in_progress', 'resolved', 'closed']],
      ['acknowledged', ['', 'in_progress', 'resolved', 'closed']],
      ['in_progress', ['', 'acknowledged', 'resolved', 'closed']],
      ['resolved', ['', 'open', 'closed']],
      ['closed', ['', 'open']],
    ];
    for (const [status, options] of offered) {
      if (status !== 'open') await moveReport(context.services, report, status);
      const page = await clerk.agent.get(`/staff/reports/${report.ref}?lang=en`).expect(200);
      assert.deepEqual(statusOptions(page.text), options, `from ${status}`);
    }
  });

  it('accepts each status a closed report offers: it is reopened', async () => {
    const { context, clerk, kaunataPublic: report } = workspace;
    await moveReport(context.services, report, 'closed');
    const page = await clerk.agent.get(`/staff/reports/${report.ref}`).expect(200);
    for (const status of statusOptions(page.text).filter(Boolean))
      await clerk.agent
        .post(`/staff/reports/${report.ref}/update`)
        .type('form')
        .send({ _csrf: clerk.csrf, status })
        .expect(303);
    assert.equal((await context.services.reportRepository.byId(report.id))!.status, 'open');
  });
});
