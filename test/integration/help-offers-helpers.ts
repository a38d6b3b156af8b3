import assert from 'node:assert/strict';
import type { Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { storedAddress } from '../../src/mail/address-key.js';
import type { Services } from '../../src/services.js';
import { makeApp, type TestContext } from '../support/app.js';

export type Fields = Record<string, string | string[] | undefined>;

/** The app a file's offer tests share, and its clock, which a test may move. */
export interface OfferApp {
  readonly app: Express;
  readonly services: Services;
  now: Date;
}

/**
 * One app for the offer tests of a `describe` (call it there: it adds the hooks), on a clock the
 * tests set. Each test starts at 09:00 on 1 December 2026 with no rate limit counted, so that
 * every test sends as a newcomer; each uses addresses of its own, so one app serves them all.
 */
export function offerApp(start = new Date('2026-12-01T09:00:00Z')): OfferApp {
  let context: TestContext | undefined;
  const built = () => {
    assert.ok(context, 'the app is built in `before`');
    return context;
  };
  const shared: OfferApp = {
    now: start,
    get app() {
      return built().app;
    },
    get services() {
      return built().services;
    },
  };
  before(async () => {
    context = await makeApp({}, { clock: () => shared.now });
  });
  beforeEach(async () => {
    shared.now = start;
    await shared.services.knex('rate_limits').delete();
  });
  return shared;
}

/** An offer a volunteer could send as it is: every required choice made, short and valid. */
export function offerFields(overrides: Fields = {}): Fields {
  return {
    offered_by: 'individual',
    name: 'Ilze Kalniņa',
    kinds: ['transport', 'shopping'],
    parishes: ['kaunatas'],
    days: ['sat'],
    times: 'no rīta',
    speaks: ['lv', 'ru'],
    capacity: '1',
    about: '',
    email: 'ilze@example.lv',
    phone: '',
    share_email: '1',
    ...overrides,
  };
}

/** The body as a browser sends it: urlencoded, a ticked box once per value, unticked ones absent. */
export function encode(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, one);
  }
  return params.toString();
}

export function sendOffer(app: Express, fields: Fields, lang?: string) {
  return request(app)
    .post(`/help/offer${lang ? `?lang=${lang}` : ''}`)
    .type('form')
    .send(encode(fields));
}

export async function count(knex: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const [row] = (await knex(table).where(where).count({ n: '*' })) as { n: number | string }[];
  return Number(row?.n ?? 0);
}

/** The newest email of a kind to an address. */
export async function lastEmail(knex: Knex, kind: string, to?: string) {
  const query = knex('outbox').where({ kind }).orderBy('id', 'desc');
  // As every address is kept (storedAddress), whatever case it was typed in.
  if (to) void query.where({ to_email: storedAddress(to) });
  const row = (await query.first()) as
    { to_email: string; language: string; subject: string; text_body: string; html_body: string } | undefined;
  assert.ok(row, `a ${kind} email${to ? ` to ${to}` : ''}`);
  return row;
}

/** A link of ours in an email's text, as a path (with its query), as the volunteer would click it. */
export function linkIn(text: string, pattern: RegExp): string {
  const found = text.match(/http:\/\/tilts\.test\/\S+/g)?.find((url) => pattern.test(url));
  assert.ok(found, `a link like ${String(pattern)} in:\n${text}`);
  const url = new URL(found);
  return `${url.pathname}${url.search}`;
}

/** Sends the form and confirms the offer by its emailed link; its id and its owner's page. */
export async function confirmedOffer(app: Express, knex: Knex, overrides: Fields = {}, lang?: string) {
  const fields = offerFields(overrides);
  await sendOffer(app, fields, lang).expect(303);
  const confirm = linkIn(
    (await lastEmail(knex, 'help-offer-confirm', String(fields.email))).text_body,
    /\/confirm\//,
  );
  await request(app).post(confirm).expect(200);
  const manage = linkIn(
    (await lastEmail(knex, 'help-offer-active', String(fields.email))).text_body,
    /\/help\/offers\/\d+\?token=/,
  );
  const id = Number(/\/help\/offers\/(\d+)/.exec(manage)![1]);
  return { id, manage, confirm };
}

/**
 * A confirmed offer whose owner changes its address on their page: `save` sends the form with a
 * new address, `linkTo` is the path of the last link sent to an address to make it the offer's.
 */
export async function offerChangingAddress(app: Express, knex: Knex, email: string) {
  const { id, manage } = await confirmedOffer(app, knex, { email });
  const token = new URL(manage, 'http://x').searchParams.get('token')!;
  const save = (to: string) =>
    request(app)
      .post(`/help/offers/${id}`)
      .type('form')
      .send(encode({ ...offerFields({ email: to }), token }))
      .expect(303);
  const linkTo = async (to: string) =>
    /http:\/\/tilts\.test(\/help\/offers\/email\/[^\s?"]+)/.exec(
      (await lastEmail(knex, 'help-offer-email', to)).text_body,
    )![1]!;
  return { id, save, linkTo };
}
