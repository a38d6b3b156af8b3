import assert from 'node:assert/strict';
import type { i18n } from 'i18next';
import { LANGUAGES, createI18n, loadCatalog } from '../../src/i18n/index.js';
import { EmailRenderer } from '../../src/mail/renderer.js';
import { emailData, report } from './mail-out/email-fixtures.js';

/** A form's label without what it says of itself: "Tālrunis (nav obligāts)" is "Tālrunis". */
const bare = (label: string) => label.replace(/\s*\([^)]*\)$/, '');

describe('one name for one thing: the emails say what the forms and pages say', () => {
  let i18nInstance: i18n;
  let renderer: EmailRenderer;
  before(async () => {
    i18nInstance = await createI18n();
    renderer = new EmailRenderer({ i18n: i18nInstance, publicUrl: 'http://tilts.test' });
  });

  for (const language of LANGUAGES) {
    it(`names the parish, the place and the photos of a report as its form does (${language})`, () => {
      const t = i18nInstance.getFixedT(language);
      const parish = t('reportForm.fields.parish.label');
      const place = t('reportForm.fields.location.label');
      const photos = t('reports.show.photos');
      // The form, the report's page, the review step, the staff pages and the one-click page.
      for (const key of ['reports.show.parish', 'staff.report.parish', 'helpMatch.desk.parish']) {
        assert.equal(t(key), parish, key);
      }
      assert.equal(bare(t('helpRequest.form.parish.label')), parish);
      for (const key of ['reports.show.location', 'reportForm.review.place', 'staff.report.location']) {
        assert.equal(t(key), place, key);
      }
      assert.equal(t('actions.location'), place);
      assert.equal(t('staff.lostForm.fields.location'), place);
      assert.equal(bare(t('reportForm.sections.photos')), photos);

      // The emails about it: the resident's confirmation and the parish's new report, with photos.
      const staff = renderer.render('report-new', language, {
        ...emailData['report-new'],
        photoUrls: ['http://tilts.test/photos/p1?sig=s'],
      });
      const confirm = renderer.render('report-confirm', language, emailData['report-confirm']);
      for (const email of [staff, confirm]) {
        assert.ok(email.text.includes(`\n${parish}: ${report.parishName}\n`), email.text);
        assert.ok(email.text.includes(`\n${place}: ${report.location}\n`), email.text);
      }
      assert.ok(staff.text.includes(`\n${photos}:\n`), staff.text);
      assert.ok(staff.html.includes(`>${photos}</h2>`));
      assert.match(staff.text, new RegExp(`^${t('mail.report.photo', { number: 1 })}: http`, 'm'));
      // One photo of them, in the same word.
      assert.ok(
        t('mail.report.photo', { number: 1 }).startsWith(photos.slice(0, -1)),
        t('mail.report.photo'),
      );
    });

    it(`names a request's village or address, and a volunteer's offer, as the help forms do (${language})`, () => {
      const t = i18nInstance.getFixedT(language);
      const village = bare(t('helpRequest.form.location.label'));
      assert.equal(t('helpMatch.desk.village'), village);
      const request = renderer.render('report-new', language, {
        ...emailData['report-new'],
        report: { ...report, isHelp: true, isPrivate: true },
      });
      assert.ok(request.text.includes(`\n${village}: ${report.location}\n`), request.text);

      const offer = renderer.render('help-offer-active', language, emailData['help-offer-active']);
      for (const legend of ['helpOffer.fields.kinds.legend', 'helpOffer.fields.parishes.legend']) {
        assert.ok(offer.text.includes(`\n${t(legend)}: `), `${legend}\n${offer.text}`);
        assert.ok(offer.html.includes(`>${t(legend)}</p>`), legend);
      }
    });

    it(`calls an email address one way on every form (${language})`, () => {
      const t = i18nInstance.getFixedT(language);
      const address = { lv: 'e-pasta adrese', en: 'email address', ru: 'адрес электронной почты' }[language];
      for (const key of [
        'reportForm.fields.email.label',
        'subscriptions.follow.fields.email.label',
        'alerts.fields.email.label',
        'helpOffer.fields.email.label',
        'helpRequest.form.email.label',
      ]) {
        assert.ok(t(key).toLowerCase().includes(address), `${key}: ${t(key)}`);
      }
    });
  }

  it('says a parish administration one way in Russian, in the emails as on the pages', () => {
    const t = i18nInstance.getFixedT('ru');
    assert.equal(t('placePage.roles.parish_admin'), t('staff.report.roles.parish_admin'));
    assert.equal(t('placePage.roles.parish_admin'), t('timeline.who.parish').toLowerCase());
    const russian = JSON.stringify(loadCatalog('ru'));
    assert.doesNotMatch(russian, /волостное управление|e-mail/i);
  });
});
