import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { askForHelp, forOtherFields, postRequest, requestFields } from './help-requests-helpers.js';

/**
 * The languages of the person the help is for. The form ticks none at first: without JavaScript
 * it cannot untick the page's language when "someone else" is chosen, and a neighbour's or a
 * client's languages are not those of the asker's page. One asking for themselves who ticks
 * none is taken to speak the language they asked in.
 */
describe('the help request form says no language for someone else', () => {
  let context: TestContext;
  const speaksOf = async (id: number) =>
    (
      (await context.services.knex('help_requests').where({ report_id: id }).first('speaks')) as {
        speaks: string;
      }
    ).speaks;

  beforeEach(async () => {
    context = await makeApp();
  });

  it('ticks no language on the first form, and says what ticking none means', async () => {
    const res = await request(context.app).get('/help/request?lang=ru').expect(200);
    assert.doesNotMatch(res.text, /name="speaks" value="[a-z]+" checked/);
    assert.match(res.text, /Если помощь нужна вам и вы ничего не отметите, мы возьмём язык этой страницы/);
  });

  it('stores no language for someone else when none is ticked, whatever the page’s', async () => {
    const { id } = await askForHelp(context, forOtherFields({ speaks: [] }), 'ru');
    assert.equal(await speaksOf(id), '');
  });

  it('keeps the languages ticked for someone else as ticked', async () => {
    const { id } = await askForHelp(context, forOtherFields({ speaks: ['ru'] }), 'lv');
    assert.equal(await speaksOf(id), 'ru');
  });

  it('takes the page’s language for one asking for themselves who ticks none', async () => {
    const { id } = await askForHelp(context, requestFields({ speaks: [] }), 'ru');
    assert.equal(await speaksOf(id), 'ru');
  });

  it('shows the form again for someone else with no language ticked that was not', async () => {
    const res = await postRequest(context, forOtherFields({ speaks: [], description: '' }), 'en').expect(422);
    assert.match(res.text, /name="for_whom" value="other" checked/);
    assert.doesNotMatch(res.text, /name="speaks" value="[a-z]+" checked/);
  });
});
