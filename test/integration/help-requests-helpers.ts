import type { Knex } from 'knex';
import request from 'supertest';
import type { TestContext } from '../support/app.js';
import { postForm, type StaffBrowser } from '../support/staff.js';

/** A request for oneself a resident could send as it is: the fewest fields, a phone only. */
export function requestFields(
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    for_whom: 'self',
    category: 'elderly-help',
    kinds: ['household'],
    description: 'Vajag sagādāt malku ziemai, pati vairs nevaru.',
    wants: 'volunteer',
    parish: 'kaunatas',
    location: 'Kaunata, Ezera iela 3',
    days: ['sat'],
    times: 'pēc pusdienām',
    speaks: ['lv', 'ltg'],
    name: 'Valentīna Kalvāne',
    phone: '+371 2000 0001',
    email: '',
    ...overrides,
  };
}

/** For someone else: who they are and that they know; their email unless overridden. */
export function forOtherFields(overrides: Record<string, string | string[]> = {}) {
  return requestFields({
    for_whom: 'other',
    subject_name: 'Anna Liepa',
    subject_knows: 'yes',
    subject_phone: '',
    subject_email: 'anna.liepa@example.lv',
    kinds: ['transport', 'shopping'],
    description: 'Kaimiņienei otrdien jātiek pie ārsta Rēzeknē.',
    name: 'Pēteris Laizāns',
    phone: '',
    email: 'peteris@example.lv',
    ...overrides,
  });
}

/** Sends the form as a browser does (urlencoded, same origin), in a language. */
export function postRequest(context: TestContext, fields: Record<string, string | string[]>, lang = 'lv') {
  return request(context.app)
    .post(`/help/request?lang=${lang}`)
    .set('Sec-Fetch-Site', 'same-origin')
    .type('form')
    .send(fields);
}

/** Sends a request that must be accepted, and answers its report row. */
export async function askForHelp(
  context: TestContext,
  fields: Record<string, string | string[]> = requestFields(),
  lang = 'lv',
): Promise<{ id: number; ref: string }> {
  const res = await postRequest(context, fields, lang).expect(303);
  const ref = /ref=(RZN-\d{4}-\d+)/.exec(res.headers.location ?? '')?.[1];
  if (!ref) throw new Error(`no ref in ${res.headers.location}`);
  return (await context.services.knex('reports').where({ ref }).first('id', 'ref')) as {
    id: number;
    ref: string;
  };
}

export async function count(knex: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const [row] = (await knex(table).where(where).count({ n: '*' })) as { n: number | string }[];
  return Number(row?.n ?? 0);
}

/** A social worker records the fewest help details on a report (`/staff/help/requests/:ref/new`). */
export async function recordHelpDetails(worker: StaffBrowser, ref: string): Promise<void> {
  await postForm(worker, `/staff/help/requests/${ref}/new`, {
    for_whom: 'self',
    kinds: ['household'],
    wants: 'volunteer',
    days: ['sat'],
    times: '',
  }).expect(303);
}
