import assert from 'node:assert/strict';
import { makeHelpRequest } from '../support/help.js';
import { heldReply } from '../support/reports.inbound.js';
import { staffWorkspace, type StaffWorkspace } from '../support/staff-workspace.js';

describe('the notice after a staff form: only for what the page knows was done', () => {
  let workspace: StaffWorkspace;

  beforeEach(async () => {
    workspace = await staffWorkspace();
  });

  it('shows a known code and no notice at all, never a translation key, for any other', async () => {
    const { worker, admin, kaunataPublic, context } = workspace;
    const help = await makeHelpRequest(context, { email: 'janis.kalnins@example.org' });
    const pages: [string, string][] = [
      [`/staff/reports/${kaunataPublic.ref}`, 'update'],
      [`/staff/reports/${kaunataPublic.ref}`, 'helpErased'],
      [`/staff/help/requests/${help.ref}`, 'propose'],
      [`/staff/inbound/${await heldReply(context)}`, 'drop'],
      [`/staff/moderation/reports/${kaunataPublic.ref}`, 'hidden'],
    ];
    for (const [page, known] of pages) {
      const browser = page.startsWith('/staff/moderation') ? admin : worker;
      const shown = await browser.agent.get(`${page}?done=${known}&lang=en`).expect(200);
      assert.match(shown.text, /data-qa="done"/, `${page} says what ${known} did`);
      assert.doesNotMatch(shown.text, /\.done\./, page);
      for (const unknown of ['xyz', 'toString', 'constructor', '']) {
        const res = await browser.agent.get(`${page}?done=${unknown}&lang=en`).expect(200);
        assert.doesNotMatch(res.text, /data-qa="done"/, `${page}?done=${unknown} shows no notice`);
        assert.doesNotMatch(res.text, /\.done\./, `${page}?done=${unknown} shows no key`);
      }
      const twice = await browser.agent.get(`${page}?done=xyz&done=${known}`).expect(200);
      assert.doesNotMatch(twice.text, /data-qa="done"/, `${page}: two codes are none`);
    }
  });
});
