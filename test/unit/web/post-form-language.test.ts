import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const VIEWS = path.resolve('views');

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return templates(full);
    return entry.name.endsWith('.ejs') ? [full] : [];
  });
}

describe('every POST form of the site', () => {
  it('sends the page’s language in its action (langUrl), or posts to the page’s own address', () => {
    const forgotten: string[] = [];
    let forms = 0;
    for (const file of templates(VIEWS)) {
      const name = path.relative(VIEWS, file);
      // The dev mailbox is a developer's tool on their own machine, in Latvian.
      if (name.startsWith(`dev${path.sep}`)) continue;
      for (const form of readFileSync(file, 'utf8').match(/<form\b[^>]*>/g) ?? []) {
        if (!/\bmethod="post"/i.test(form)) continue;
        forms += 1;
        const action = /\baction="([^"]*)"/.exec(form)?.[1];
        // No action, or an empty one, posts to the page's own address, `?lang=` and all.
        if (!action) continue;
        if (!/^<%= langUrl\(.*\) %>$/.test(action)) forgotten.push(`${name}: ${form}`);
      }
    }
    assert.ok(forms > 50, `found ${forms} POST forms`);
    assert.deepEqual(forgotten, []);
  });
});
