import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { CHECK_SETTINGS } from '../../src/help/offers/checks.js';
import { PENDING_KEPT_HOURS } from '../../src/photos/service.js';
import { UNCONFIRMED_KEPT_MS } from '../../src/reports/service.js';
import { BACKUP_KEPT_DAYS } from '../../src/retention/notice-periods.js';
import { makeApp, type TestContext } from '../support/app.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const LANGUAGES = ['lv', 'en', 'ru'] as const;
const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

/**
 * The privacy notice's periods are the ones the code acts on: each is read from the constant the
 * purge or the check uses, never typed into the words, in all three languages.
 */
describe('the privacy notice’s periods fixed in code', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  it('types no number into its own “how long” words: every period comes from the code', () => {
    for (const language of LANGUAGES) {
      const catalog = JSON.parse(readFileSync(`src/i18n/${language}/common.json`, 'utf8')) as {
        privacy: { sections: { paragraphs?: string[] }[] };
      };
      for (const paragraph of catalog.privacy.sections[3]?.paragraphs ?? [])
        assert.doesNotMatch(paragraph, /\d/, `${language}: ${paragraph}`);
    }
  });

  it('states the purge of unconfirmed reports and offers, and the offers’ check, as the code does them', async () => {
    const en = text((await request(context.app).get('/privacy?lang=en').expect(200)).text);
    const reportDays = UNCONFIRMED_KEPT_MS / DAY_MS;
    assert.match(
      en,
      new RegExp(
        `never confirmed by the link in the email is deleted, with its photos, after ${reportDays} days`,
      ),
    );
    assert.match(
      en,
      new RegExp(
        `offer of help whose email address is never confirmed .* deleted after ${CHECK_SETTINGS.unconfirmedKeptDays} days`,
      ),
    );
    assert.match(en, new RegExp(`Every ${CHECK_SETTINGS.askAfterDays} days, a volunteer is asked by email`));
    assert.match(en, new RegExp(`not answered within ${CHECK_SETTINGS.pauseAfterDays} days is paused`));
    const lv = text((await request(context.app).get('/privacy?lang=lv').expect(200)).text);
    assert.match(lv, new RegExp(`pēc ${reportDays} dienām tiek dzēsts kopā ar fotogrāfijām`));
    assert.match(lv, new RegExp(`Reizi ${CHECK_SETTINGS.askAfterDays} dienā brīvprātīgajam`));
    assert.match(lv, new RegExp(`neatbild ${CHECK_SETTINGS.pauseAfterDays} dienu laikā`));
    const ru = text((await request(context.app).get('/privacy?lang=ru').expect(200)).text);
    assert.match(ru, new RegExp(`удаляется вместе с фотографиями через ${reportDays} дней`));
    assert.match(ru, new RegExp(`Раз в ${CHECK_SETTINGS.askAfterDays} день волонтёра`));
    assert.match(
      ru,
      new RegExp(`в течение ${CHECK_SETTINGS.pauseAfterDays} дней, предложение приостанавливается`),
    );
  });

  it('states how long backups are kept, the number the operator’s guide tells them to keep', async () => {
    const backups = readFileSync('docs/backups.md', 'utf8');
    assert.match(
      backups,
      new RegExp(`\\*\\*Keep ${BACKUP_KEPT_DAYS} days\\*\\* \\(${BACKUP_KEPT_DAYS} daily copies\\)`),
    );
    const pages = await Promise.all(
      LANGUAGES.map(async (language) =>
        text((await request(context.app).get(`/privacy?lang=${language}`)).text),
      ),
    );
    assert.match(pages[0] ?? '', new RegExp(`rezerves kopijas tiek glabātas ${BACKUP_KEPT_DAYS} dienas`));
    assert.match(
      pages[1] ?? '',
      new RegExp(`Backup copies of the database are kept for ${BACKUP_KEPT_DAYS} days`),
    );
    assert.match(pages[2] ?? '', new RegExp(`Резервные копии базы данных хранятся ${BACKUP_KEPT_DAYS} дней`));
  });

  it('states that photos uploaded to a form never sent are deleted, after the hours the purge waits', async () => {
    const [lv, en, ru] = await Promise.all(
      LANGUAGES.map(async (language) =>
        text((await request(context.app).get(`/privacy?lang=${language}`).expect(200)).text),
      ),
    );
    assert.match(
      en ?? '',
      new RegExp(
        `Photos uploaded to a form that is never sent are deleted after ${PENDING_KEPT_HOURS} hours`,
      ),
    );
    assert.match(
      lv ?? '',
      new RegExp(`veidlapā, kura tā arī netiek nosūtīta, tiek dzēstas pēc ${PENDING_KEPT_HOURS} stundām`),
    );
    assert.match(
      ru ?? '',
      new RegExp(`которая так и не была отправлена, удаляются через ${PENDING_KEPT_HOURS} часа`),
    );
  });
});
