import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

/**
 * Latvian calls matching a volunteer with a person "savešana" everywhere staff read it: a second
 * word ("saskaņošana") for the same thing made a reader wonder whether it was another step.
 */
describe('Latvian names matching with one word', () => {
  it('says “savešana”, never “saskaņošana”, in the Latvian catalogs', () => {
    const dir = new URL('../../../src/i18n/lv/', import.meta.url);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      assert.doesNotMatch(text, /saskaņošan/iu, file);
    }
  });
});
