import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';
import { ROOT_DIR } from '../../src/paths.js';

/** A real installation's settings, each its own; every case below spoils one of them. */
const REAL = {
  NODE_ENV: 'production',
  SECRET: 'k3Jd9sQx0fV2pL7wZr4tYb8nHc1mGe6a',
  PUBLIC_URL: 'https://tilts.example.org',
  SMTP_URL: 'smtp://tilts:s3cret@mail.example.org:587',
  DATABASE_URL: 'postgres://tilts:s3cret@127.0.0.1:5432/tilts',
};

const refuses = (environment: Record<string, string>, variable: string, words: RegExp) =>
  assert.throws(
    () => loadConfig(environment),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, String(error));
      assert.equal(error.variable, variable);
      assert.match(error.message, words);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    },
  );

describe('configuration: the example file’s placeholders never run a real installation', () => {
  it('starts with real values', () => {
    assert.equal(loadConfig(REAL).production, true);
  });

  it('refuses every CHANGE-ME of deploy/tilts.env.example in production, naming the setting', () => {
    const example = fs.readFileSync(path.join(ROOT_DIR, 'deploy/tilts.env.example'), 'utf8');
    const placeholders = [...example.matchAll(/^#?\s*([A-Z0-9_]+)=(.*CHANGE-ME.*)$/gm)].map(
      ([, name, value]) => [name!, value!.trim()] as const,
    );
    assert.ok(placeholders.length >= 5, 'the example marks its secrets with CHANGE-ME');
    for (const [name, value] of placeholders)
      refuses({ ...REAL, [name]: value }, name, /CHANGE-ME placeholder of deploy\/tilts\.env\.example/);
  });

  it('refuses the built-in development secret and a short one in production', () => {
    refuses(
      { ...REAL, SECRET: 'tilts-development-secret-not-for-production' },
      'SECRET',
      // The command the settings file and docs/operations.md give: hex needs no quoting there.
      /development secret: set one of your own \(openssl rand -hex 32\)$/,
    );
    refuses({ ...REAL, SECRET: 'short' }, 'SECRET', /at least 16 characters/);
  });

  it('lets a developer machine keep them: nothing there is public', () => {
    assert.equal(loadConfig({ SECRET: 'CHANGE-ME-to-the-output-of-openssl-rand' }).development, true);
  });
});
