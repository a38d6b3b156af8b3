import assert from 'node:assert/strict';
import { makeReport } from '../support/reports.js';
import { askForHelp, forOtherFields } from './help-requests-helpers.js';
import { auditRows, helpStaff } from './help-requests-staff-helpers.js';

/** The parts of the exported case this test reads. */
type CaseJson = {
  ref: string;
  askedBy: { name: string; email: string; phone: string };
  help: { subject: { name: string; email: string; toldAt: string | null }; kinds: string[] };
  category: { code: string };
  parish: { name: string };
  request: { description: string };
  timeline: { toStatus: string }[];
};

describe('requests for help in the staff workspace', () => {
  const staff = helpStaff();

  describe('the person’s data: export and erase', () => {
    it('exports everything the request holds of the person as JSON and CSV, for those in scope', async () => {
      const { context, worker, maltaWorker, clerk, admin } = staff();
      const { ref } = await askForHelp(
        context,
        forOtherFields({
          description: '=HYPERLINK("http://evil.example")\notrā rinda',
          phone: '+371 2000 0001',
        }),
      );
      const json = await worker.agent.get(`/staff/help/requests/${ref}/export.json`).expect(200);
      assert.match(json.headers['content-type']!, /^application\/json/);
      assert.equal(json.headers['content-disposition'], `attachment; filename=${ref}.json`);
      const data = JSON.parse(json.text) as CaseJson;
      assert.equal(data.ref, ref);
      assert.deepEqual(data.askedBy, {
        name: 'Pēteris Laizāns',
        email: 'peteris@example.lv',
        phone: '+371 2000 0001',
      });
      assert.deepEqual(data.help.subject.name, 'Anna Liepa');
      assert.equal(data.help.subject.email, 'anna.liepa@example.lv');
      assert.ok(data.help.subject.toldAt);
      assert.deepEqual(data.help.kinds, ['transport', 'shopping']);
      assert.equal(data.category.code, 'elderly-help');
      assert.equal(data.parish.name, 'Kaunatas pagasts');
      assert.equal(data.request.description, '=HYPERLINK("http://evil.example")\notrā rinda');
      assert.deepEqual(
        data.timeline.map((entry: { toStatus: string }) => entry.toStatus),
        ['open'],
      );
      const csv = await admin.agent.get(`/staff/help/requests/${ref}/export.csv`).expect(200);
      assert.match(csv.headers['content-type']!, /^text\/csv; charset=utf-8/);
      assert.equal(csv.headers['content-disposition'], `attachment; filename=${ref}.csv`);
      assert.ok(csv.text.startsWith('\ufeff"field","value"\r\n'));
      assert.match(csv.text, /\r\n"askedBy\.email","peteris@example\.lv"\r\n/);
      assert.match(csv.text, /\r\n"askedBy\.phone","\+371 2000 0001"\r\n/);
      assert.match(csv.text, /\r\n"help\.kinds","transport,shopping"\r\n/);
      // A spreadsheet would run a formula: it starts with an apostrophe.
      assert.match(
        csv.text,
        /\r\n"request\.description","'=HYPERLINK\(""http:\/\/evil\.example""\)\notrā rinda"\r\n/,
      );
      const audit = await auditRows(context, 'help.request.export');
      assert.deepEqual(
        audit.map((row) => row.object_id),
        [ref, ref],
      );
      await maltaWorker.agent.get(`/staff/help/requests/${ref}/export.json`).expect(404);
      await clerk.agent.get(`/staff/help/requests/${ref}/export.csv`).expect(403);
      const { report: notRequest } = await makeReport(context.services, { category: 'elderly-help' });
      await worker.agent.get(`/staff/help/requests/${notRequest.ref}/export.json`).expect(404);
    });
  });
});
