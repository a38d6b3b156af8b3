import assert from 'node:assert/strict';
import { routedReport } from '../support/reports.inbound.js';
import { auditCount, lastAudit, post } from './admin-helpers.js';
import { WASTE, categoryWorld, privacyOf, wasteForm } from './admin-category-private-helpers.js';

/**
 * Making a category private takes its published reports from the public for good, so the save asks
 * first when there are any: a page says how many, carries the form as typed, and only its
 * confirm=yes makes them private. Without that field nothing changes, whatever was posted.
 */
describe('admin: making a category private asks first when published reports go with it', () => {
  const world = categoryWorld();

  const wasteReport = (title: string) =>
    routedReport(world().context, { categoryCode: 'waste', title, description: `${title} aiz skolas.` });
  const category = async () =>
    (
      (await world().context.services.knex('categories').where({ code: 'waste' }).first('visibility')) as {
        visibility: string;
      }
    ).visibility;
  const privacy = (ids: number[]) => privacyOf(world(), ids);
  const wasteRules = async () =>
    Number(
      (
        (await world()
          .context.services.knex('routing_rules')
          .where({ category_code: 'waste' })
          .count({ count: '*' })) as { count: number | string }[]
      )[0]!.count,
    );

  it('shows how many, with the form’s values, and changes nothing until confirmed', async () => {
    const reports = [await wasteReport('Izgāztuve pie meža'), await wasteReport('Maisi pie ceļa')];
    const ids = reports.map((report) => report.id);
    const audits = await auditCount(world());
    const rules = await wasteRules();

    for (const confirm of [undefined, 'no', '', 'YES']) {
      const asked = await post(
        world().admin,
        `${WASTE}?lang=en`,
        wasteForm({ name_en: 'Waste & "litter"', ...(confirm === undefined ? {} : { confirm }) }),
      ).expect(200);
      assert.match(asked.text, /<title>Make “Waste” private\?/);
      assert.match(asked.text, /<h1>Make “Waste” private\?<\/h1>/);
      assert.match(
        asked.text,
        /data-qa="confirm-private-count">This makes 2 published reports private\.\s+Their public pages, the feeds, the map and open data will no longer show them, and making the category public again will not make them public\.<\/p>/,
      );
      assert.match(asked.text, /<form method="post" action="\/staff\/admin\/categories\/waste\?lang=en"/);
      assert.match(asked.text, new RegExp(`name="_csrf" value="${world().admin.csrf}"`));
      for (const [name, value] of [
        ['name_lv', 'Atkritumi'],
        ['name_en', 'Waste &amp; &#34;litter&#34;'],
        ['name_ru', 'Мусор'],
        ['visibility', 'private'],
        ['target_days', '3'],
        ['active', '1'],
      ])
        assert.ok(asked.text.includes(`<input type="hidden" name="${name}" value="${value}">`), name);
      assert.match(
        asked.text,
        /<button[^>]*type="submit" name="confirm" value="yes"[^>]*>Make private<\/button>/,
      );
      assert.match(
        asked.text,
        /<button[^>]*type="submit" name="back" value="yes"[^>]*>Back to the form<\/button>/,
      );
    }
    assert.equal(await category(), 'public');
    assert.deepEqual(await privacy(ids), [false, false]);
    assert.equal(await auditCount(world()), audits, 'nothing in the audit log');
    assert.equal(await wasteRules(), rules, 'no routing rule either');
    await world().admin.agent.get(`/reports/${reports[0]!.ref}`).expect(200);

    await post(world().admin, `${WASTE}?lang=en`, wasteForm({ confirm: 'yes' }))
      .expect(303)
      .expect('Location', '/staff/admin/categories?done=saved&lang=en');
    assert.equal(await category(), 'private');
    assert.deepEqual(await privacy(ids), [true, true]);
    const audit = await lastAudit(world(), 'category.update');
    assert.equal((audit.after as { reportsMadePrivate?: number }).reportsMadePrivate, 2);
  });

  it('goes back to the form with the values the admin typed', async () => {
    const report = await wasteReport('Izgāztuve pie meža');
    const back = await post(
      world().admin,
      `${WASTE}?lang=en`,
      wasteForm({ name_en: 'Waste and litter', target_days: '7', back: 'yes' }),
    ).expect(200);
    assert.match(back.text, /data-qa="category-form"/);
    assert.match(back.text, /id="field-name_en" name="name_en" type="text" value="Waste and litter"/);
    assert.match(back.text, /id="field-target_days" name="target_days"[^>]*value="7"/);
    assert.match(back.text, /<option value="private" selected>/);
    assert.doesNotMatch(back.text, /data-qa="error-summary"/);
    assert.equal(await category(), 'public');
    assert.deepEqual(await privacy([report.id]), [false]);
    // Even with the confirmation beside it, "back" saves nothing.
    await post(world().admin, WASTE, wasteForm({ back: 'yes', confirm: 'yes' })).expect(200);
    assert.equal(await category(), 'public');
  });

  it('saves at once when no published report would become private', async () => {
    const audits = await auditCount(world(), 'category.update');
    await post(world().admin, `${WASTE}?lang=en`, wasteForm())
      .expect(303)
      .expect('Location', '/staff/admin/categories?done=saved&lang=en');
    assert.equal(await category(), 'private');
    assert.equal(await auditCount(world(), 'category.update'), audits + 1);
  });

  it('confirmed, takes every report public by then, one published after the question too', async () => {
    const first = await wasteReport('Izgāztuve pie meža');
    const asked = await post(world().admin, `${WASTE}?lang=en`, wasteForm()).expect(200);
    assert.match(
      asked.text,
      /This makes 1 published report private\.\s+Its public page, the feeds, the map and open data will no longer show it, and making the category public again will not make it public\./,
    );
    const second = await wasteReport('Maisi pie ceļa');
    await post(world().admin, WASTE, wasteForm({ confirm: 'yes' })).expect(303);
    assert.deepEqual(await privacy([first.id, second.id]), [true, true]);
    const audit = await lastAudit(world(), 'category.update');
    assert.equal((audit.after as { reportsMadePrivate?: number }).reportsMadePrivate, 2);
  });

  it('asks in Latvian and Russian', async () => {
    await wasteReport('Izgāztuve pie meža');
    await wasteReport('Maisi pie ceļa');
    const lv = await post(world().admin, `${WASTE}?lang=lv`, wasteForm()).expect(200);
    assert.match(lv.text, /<h1>Padarīt kategoriju „Atkritumi” privātu\?<\/h1>/);
    assert.match(
      lv.text,
      /Tādējādi 2 publicēti ziņojumi kļūs privāti\.\s+To publiskās lapas, plūsmas, karte un atvērtie dati tos vairs nerādīs, un, ja kategoriju atkal padarīs publisku, tie publiski nekļūs\./,
    );
    assert.match(lv.text, />Padarīt privātu<\/button>/);
    assert.match(lv.text, />Atpakaļ uz veidlapu<\/button>/);
    const ru = await post(world().admin, `${WASTE}?lang=ru`, wasteForm()).expect(200);
    assert.match(ru.text, /<h1>Сделать категорию «Мусор и отходы» частной\?<\/h1>/);
    assert.match(
      ru.text,
      /Это сделает частными 2 опубликованных сообщения\.\s+Их публичные страницы, ленты, карта и открытые данные больше не будут их показывать, а если снова сделать категорию публичной, они не станут публичными\./,
    );
    assert.match(ru.text, />Сделать частной<\/button>/);
    assert.match(ru.text, /а те, кто следит за каким-либо из них, получат об этом одно письмо\./);
    assert.match(ru.text, />Назад к форме<\/button>/);
    assert.equal(await category(), 'public');
  });
});
