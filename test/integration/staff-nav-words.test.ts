import assert from 'node:assert/strict';
import { makeApp } from '../support/app.js';
import { addStaff, KAUNATA_WORKER, signIn } from '../support/staff.js';

/**
 * The workspace's menu sits under the public one on every staff page: its link to matching
 * volunteers with requests is not called "Help" as the residents' page of help beside it is.
 */
describe('the staff menu’s words', () => {
  it('calls the matching desk by what it does, apart from the public “Help”, in each language', async () => {
    const context = await makeApp();
    const worker = await signIn(context, await addStaff(context, KAUNATA_WORKER));
    const expected = { lv: 'Palīdzības savešana', en: 'Help matching', ru: 'Подбор помощи' };
    for (const [lang, words] of Object.entries(expected)) {
      const page = await worker.agent.get(`/staff/help?lang=${lang}`).expect(200);
      const nav = /data-qa="staff-nav"[\s\S]*?<\/nav>/.exec(page.text)?.[0] ?? '';
      assert.match(nav, new RegExp(`href="/staff/help[^"]*" aria-current="page">${words}</a>`));
      const publicHelp = /data-qa="nav-help"[^>]*>([^<]+)</.exec(page.text)?.[1];
      assert.ok(publicHelp, 'the public menu is there too');
      assert.notEqual(publicHelp, words);
    }
  });
});
