import assert from 'node:assert/strict';
import { loadConfig } from '../../../src/config.js';
import { parseW3cDateTime } from '../../../src/open311/dates.js';
import { createI18nNow } from '../../../src/i18n/index.js';
import { CHANGESET, discoveryOf } from '../../../src/open311/discovery.js';

const i18n = createI18nNow();

describe('Open311 discovery', () => {
  it('says when the interface last changed: a real W3C datetime, not one ahead of today', () => {
    const changed = parseW3cDateTime(CHANGESET);
    assert.ok(changed, CHANGESET);
    assert.ok(changed.getTime() <= Date.now(), `${CHANGESET} is in the future`);
    const document = discoveryOf('http://tilts.test', true, i18n, 'lv');
    assert.equal(document.changeset, CHANGESET);
    assert.equal(document.endpoints[0]!.changeset, CHANGESET);
  });

  it('is a production endpoint on a real installation and a test one on a developer’s machine', () => {
    const real = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://tilts.example.lv',
      SECRET: 'a-secret-of-at-least-16-characters',
      SMTP_URL: 'smtp://127.0.0.1:25',
      DATA_DIR: '/tmp/tilts-discovery-test',
    });
    const developer = loadConfig({ NODE_ENV: 'development', DATA_DIR: '/tmp/tilts-discovery-test' });
    assert.equal(discoveryOf(real.publicUrl, real.production, i18n, 'en').endpoints[0]!.type, 'production');
    assert.equal(
      discoveryOf(developer.publicUrl, developer.production, i18n, 'en').endpoints[0]!.type,
      'test',
    );
  });
});
