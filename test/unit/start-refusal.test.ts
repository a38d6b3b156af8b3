import assert from 'node:assert/strict';
import { ConfigError } from '../../src/config-rules.js';
import { configErrorLine, refusalLine, toolErrorText } from '../../src/start-refusal.js';

describe('the line a refused start prints', () => {
  const problem = 'SECRET: must be set in production';

  it('says it in English, then in Latvian naming the setting, where the locale names none of ours', () => {
    for (const env of [{}, { LANG: 'C.UTF-8' }, { LANG: 'POSIX' }, { LC_ALL: 'lv_LV.UTF-8' }])
      assert.equal(
        refusalLine(problem, env),
        'Tilts cannot start: SECRET: must be set in production — Tilts nevar sākt darbu: pārbaudiet ' +
          'iestatījumu SECRET (sīkāk angliski rindas sākumā un docs/operations.md).',
        JSON.stringify(env),
      );
  });

  it('says it in English alone under an English locale, and adds Russian under a Russian one', () => {
    assert.equal(refusalLine(problem, { LANG: 'en_GB.UTF-8' }), `Tilts cannot start: ${problem}`);
    // LC_ALL wins over LANG, as POSIX reads them.
    assert.equal(
      refusalLine(problem, { LC_ALL: 'en_US.UTF-8', LANG: 'lv_LV.UTF-8' }),
      `Tilts cannot start: ${problem}`,
    );
    assert.match(
      refusalLine(problem, { LANG: 'ru_RU.UTF-8' }),
      /^Tilts cannot start: SECRET: must be set in production — Tilts не может запуститься: проверьте настройку SECRET /,
    );
  });

  it('names no setting where the problem is not about one', () => {
    const line = refusalLine(
      'The embedded database in /var/lib/tilts/pglite is open in process 42: stop it first',
      {},
    );
    assert.match(
      line,
      /^Tilts cannot start: The embedded database .* stop it first — Tilts nevar sākt darbu \(/,
    );
    assert.doesNotMatch(line, /iestatījumu/);
  });

  it('stays one line', () => {
    for (const env of [{}, { LANG: 'ru_RU.UTF-8' }, { LANG: 'en_GB.UTF-8' }])
      assert.doesNotMatch(refusalLine(problem, env), /\n/);
  });
});

describe('the line a command-line tool prints for a refused setting', () => {
  const problem = 'SECRET: must be set in production';

  it('says the problem in English, then what to check in the locale’s language, on one line', () => {
    assert.equal(
      configErrorLine(problem, { LANG: 'C.UTF-8' }),
      `${problem} — Pārbaudiet iestatījumu SECRET (sīkāk angliski rindas sākumā un docs/operations.md).`,
    );
    assert.match(
      configErrorLine(problem, { LANG: 'ru_RU.UTF-8' }),
      /^SECRET: .* — Проверьте настройку SECRET /,
    );
    assert.equal(configErrorLine(problem, { LANG: 'en_GB.UTF-8' }), problem);
    assert.match(
      configErrorLine('Settings are unreadable', {}),
      /^Settings are unreadable — Iestatījumus nevar/,
    );
  });

  it('is what a tool prints of a ConfigError; any other error is its message as before', () => {
    assert.equal(
      toolErrorText(new ConfigError('SECRET', 'must be set in production'), {}),
      configErrorLine(problem, {}),
    );
    assert.equal(toolErrorText(new Error('Already up to date.'), {}), 'Already up to date.');
  });
});
