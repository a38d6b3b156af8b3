import assert from 'node:assert/strict';
import { parseArgs } from 'node:util';
import { cliLanguage, cliTranslator, exitCodeOf, parsedOrUsage, UsageError } from '../../src/i18n/cli.js';

describe('the language of the command-line tools', () => {
  it('is the shell locale’s, read as POSIX reads it (LC_ALL, then LC_MESSAGES, then LANG)', () => {
    assert.equal(cliLanguage({ LANG: 'ru_RU.UTF-8' }), 'ru');
    assert.equal(cliLanguage({ LANG: 'en_GB.UTF-8' }), 'en');
    assert.equal(cliLanguage({ LANG: 'lv_LV.UTF-8' }), 'lv');
    assert.equal(cliLanguage({ LANG: 'en' }), 'en');
    assert.equal(cliLanguage({ LC_ALL: 'ru_RU.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LANG: 'lv_LV' }), 'ru');
    assert.equal(cliLanguage({ LC_MESSAGES: 'en_US.UTF-8', LANG: 'ru_RU.UTF-8' }), 'en');
    assert.equal(cliLanguage({ LC_ALL: '', LANG: 'ru_RU.UTF-8' }), 'ru', 'an empty variable is not set');
  });

  it('is Latvian, as on the site, for any other locale or none', () => {
    for (const LANG of ['C.UTF-8', 'C', 'POSIX', 'de_DE.UTF-8', 'english', 'rus', undefined]) {
      assert.equal(cliLanguage({ LANG }), 'lv', String(LANG));
    }
    assert.equal(cliLanguage({}), 'lv');
  });

  it('speaks from the cli section of the catalogs', async () => {
    const ru = await cliTranslator({ LANG: 'ru_RU.UTF-8' });
    assert.equal(ru('cli.db.upToDate'), 'База данных уже в последней версии.');
    const lv = await cliTranslator({});
    assert.equal(
      lv('cli.staff.role', { roles: 'admin, moderator' }),
      '--role jābūt vienam no: admin, moderator',
    );
  });

  it('counts one of a thing in the singular in English, as the backup tools say it', async () => {
    const en = await cliTranslator({ LANG: 'en_GB.UTF-8' });
    const one = { reports: 1, photos: 1, mail: 1, createdAt: '2027-03-01T03:00:00.000Z' };
    const lines = [
      en('cli.backup.wrote', {
        ...one,
        file: 'f.tar.gz',
        size: '1 KB',
        database: 'PostgreSQL',
        migration: 'm',
      }),
      en('cli.backup.restored', one),
      en('cli.backup.restoredReplacing', one),
      en('cli.backup.missingPhotos', { count: 1 }),
      en('cli.backup.missingMail', { count: 1 }),
      en('cli.backup.photosHold', { count: 1 }),
      en('cli.backup.inboundHold', { count: 1 }),
    ];
    for (const line of lines)
      assert.doesNotMatch(
        line,
        /\b1 (?:reports|photos|photo files|raw inbound messages|received emails|objects|messages)\b/,
        line,
      );
    assert.equal(en('cli.backup.inboundHold', { count: 1 }), 'DATA_DIR/inbound holds 1 message');
    assert.equal(en('cli.backup.inboundHold', { count: 3 }), 'DATA_DIR/inbound holds 3 messages');
    assert.match(en('cli.backup.restored', one), /reports: 1, photo files: 1, raw inbound messages: 1\./);
  });

  it('takes the singular after 1 and 21 in Latvian, as the backup’s warnings say it', async () => {
    const lv = await cliTranslator({ LANG: 'lv_LV.UTF-8' });
    assert.match(lv('cli.backup.missingMail', { count: 1 }), /nebija 1 saņemtā e-pasta, uz kuru atsaucas/);
    assert.match(lv('cli.backup.missingMail', { count: 21 }), /nebija 21 saņemtā e-pasta, uz kuru/);
    assert.match(lv('cli.backup.missingMail', { count: 3 }), /nebija 3 saņemto e-pastu, uz kuriem/);
    assert.match(lv('cli.backup.missingPhotos', { count: 1 }), /nebija 1 foto, uz kuru atsaucas/);
  });

  it('answers an option it does not know with the usage, not with Node’s words', () => {
    const parse = (args: string[]) => () => parseArgs({ args, options: { email: { type: 'string' } } });
    assert.equal(
      parsedOrUsage(parse(['--email', 'a@example.org']), 'Lietošana: …').values.email,
      'a@example.org',
    );
    assert.throws(
      () => parsedOrUsage(parse(['--emial', 'a@example.org']), 'Lietošana: …'),
      (error) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.message, 'Lietošana: …');
        // A command line the tool cannot read ends it with 2; any other failure with 1.
        assert.equal(exitCodeOf(error), 2);
        return true;
      },
    );
    assert.equal(exitCodeOf(new Error('disk full')), 1);
    assert.throws(() => parsedOrUsage(parse(['--email']), 'Lietošana: …'), { message: 'Lietošana: …' });
    assert.throws(
      () =>
        parsedOrUsage(() => {
          throw new Error('disk full');
        }, 'Lietošana: …'),
      { message: 'disk full' },
    );
  });
});
