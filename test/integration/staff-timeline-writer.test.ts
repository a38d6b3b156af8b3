import assert from 'node:assert/strict';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';

describe('the staff timeline names the colleague who wrote each update', () => {
  let workspace: StaffWorkspace;

  beforeEach(async () => {
    workspace = await staffWorkspace();
  });

  it('shows the writer to staff in each language, and never on the public page', async () => {
    const { clerk, admin, kaunataPublic: report } = workspace;
    const save = (who: typeof clerk, publicText: string) =>
      who.agent
        .post(`/staff/reports/${report.ref}/update`)
        .type('form')
        .send({ _csrf: who.csrf, status: '', publicText, internalNote: '' })
        .expect(303);
    await save(clerk, 'Apskatīsim rīt.');
    await save(admin, 'Novads palīdzēs.');
    const writers = {
      lv: ['rakstīja kaunatas.parvalde', 'rakstīja admin'],
      en: ['written by kaunatas.parvalde', 'written by admin'],
      ru: ['автор: kaunatas.parvalde', 'автор: admin'],
    };
    for (const [lang, expected] of Object.entries(writers)) {
      const page = await clerk.agent.get(`/staff/reports/${report.ref}?lang=${lang}`).expect(200);
      const shown = [...page.text.matchAll(/data-qa="entry-writer">([^<]*)</g)].map((match) => match[1]);
      assert.deepEqual(shown, expected, `the writers in ${lang}`);
    }
    const publicPage = await clerk.agent.get(`/reports/${report.ref}`).expect(200);
    assert.ok(publicPage.text.includes('Apskatīsim rīt.'), 'the answer is public');
    assert.doesNotMatch(publicPage.text, /kaunatas\.parvalde|entry-writer/);
  });

  it('names nobody on updates not written in the workspace', async () => {
    const { clerk, kaunataPublic: report } = workspace;
    const page = await clerk.agent.get(`/staff/reports/${report.ref}`).expect(200);
    assert.match(page.text, /data-qa="staff-timeline-item"/);
    assert.doesNotMatch(page.text, /data-qa="entry-writer"/);
  });
});
