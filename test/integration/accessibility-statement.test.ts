import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';

/** What the EU model statement (Commission Implementing Decision (EU) 2018/1523) asks, per language. */
const MODEL = {
  lv: [
    /Nr\. 445/,
    /EN 301 549/,
    /daļēji atbilst/,
    /<h3>Neatbilstība piekļūstamības prasībām<\/h3>/,
    /<h3>Nesamērīgs slogs<\/h3>/,
    /<h3>Saturs, uz kuru neattiecas piemērojamie tiesību akti<\/h3>/,
    /Alternatīva: /,
    /sagatavots 2026\. gada 23\. novembrī un pēdējo reizi pārskatīts 2026\. gada 30\. novembrī/,
    /pašnovērtējumu/,
    /kategorijā „Cits”/,
    /<h2>Izpildes nodrošināšanas procedūra<\/h2>/,
  ],
  en: [
    /No\. 445/,
    /EN 301 549/,
    /partially compliant/,
    /<h3>Non-compliance with the accessibility requirements<\/h3>/,
    /<h3>Disproportionate burden<\/h3>/,
    /<h3>Content that is not within the scope of the applicable legislation<\/h3>/,
    /Alternative: /,
    /prepared on 23 November 2026 and last reviewed on 30 November 2026/,
    /self-assessment/,
    /in the category “Other”/,
    /<h2>Enforcement procedure<\/h2>/,
  ],
  ru: [
    /№ 445/,
    /EN 301 549/,
    /частично соответствует/,
    /<h3>Несоответствие требованиям доступности<\/h3>/,
    /<h3>Несоразмерная нагрузка<\/h3>/,
    /<h3>Содержание, на которое не распространяется применимое законодательство<\/h3>/,
    /Альтернатива: /,
    /подготовлено 23 ноября 2026 года и последний раз пересмотрено 30 ноября 2026 года/,
    /самооценке/,
    /в категории «Другое»/,
    /<h2>Процедура обеспечения соблюдения<\/h2>/,
  ],
} as const;

describe('the accessibility statement follows the EU model statement', () => {
  let context: TestContext;
  before(async () => {
    context = await makeApp();
  });

  for (const [language, parts] of Object.entries(MODEL)) {
    it(`names the standard, the status, each exception with its reason, the assessment, the channels and the Ombudsman in ${language}`, async () => {
      const page = await request(context.app).get(`/accessibility?lang=${language}`).expect(200);
      for (const part of parts) assert.match(page.text, part, `${language}: ${part}`);
      // Feedback by email (the configured address) and by the report form; the Ombudsman's contact.
      assert.match(page.text, new RegExp(context.config.contactEmail.replace(/\./g, '\\.')));
      for (const contact of [
        /Baznīcas iela 25, Rīga, LV-1010/,
        /tiesibsargs@tiesibsargs\.lv/,
        /\+371 67686768/,
      ])
        assert.match(page.text, contact, `${language}: ${contact}`);
      // What the browser tests cannot show is listed: photo descriptions and the maps.
      assert.match(page.text, /WCAG 1\.1\.1/);
      assert.match(page.text, /\/map/);
      // No phone is configured, so none is claimed.
      assert.doesNotMatch(page.text, /\{\{phone\}\}|undefined/);
    });
  }
});
