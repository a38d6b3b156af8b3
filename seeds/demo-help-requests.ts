import type { Knex } from 'knex';
import { formatRef } from '../src/reports/refs.js';
import { chooseRecipients, type RoutingRule } from '../src/routing/rules.js';

const DAY = 24 * 60 * 60 * 1000;

interface DemoRequest {
  parish: string;
  category: 'elderly-help' | 'social-other';
  language: 'lv' | 'en' | 'ru';
  daysAgo: number;
  /** Tilts's words, in Latvian as the app makes them (src/help/requests/title.ts). */
  title: string;
  description: string;
  location: string;
  asker: { name: string; email: string };
  forWhom: 'self' | 'other';
  subject?: { name: string; knows: 'yes' | 'no' | 'unsure'; email?: string; told: boolean };
  kinds: string[];
  wants: 'volunteer' | 'call_back' | 'visit';
  days: string[];
  times: string;
  speaks: string[];
}

/*
 * A few requests for help beside the demo reports, most in Kaunata, so that the demo social
 * worker (kaunatas.socialais@example.org) has requests to match with volunteers: for oneself and
 * for a neighbour, told by email or still to be told. Addresses are at example.org; there are no
 * phone numbers, as any number made up could be somebody's real one.
 */
const REQUESTS: readonly DemoRequest[] = [
  {
    parish: 'kaunatas',
    category: 'elderly-help',
    language: 'lv',
    daysAgo: 2,
    title: 'Lūgums pēc palīdzības: Malka un mājas darbi',
    description: 'Dzīvoju viena, malka jāsaskalda un jāienes šķūnī pirms sala. Pati vairs nevaru.',
    location: 'Kaunata, Ezera iela',
    asker: { name: 'Valentīna Kalvāne', email: 'valentina.kalvane@example.org' },
    forWhom: 'self',
    kinds: ['household'],
    wants: 'volunteer',
    days: ['sat', 'sun'],
    times: 'pēc pusdienām',
    speaks: ['lv', 'ltg'],
  },
  {
    parish: 'kaunatas',
    category: 'elderly-help',
    language: 'lv',
    daysAgo: 4,
    title: 'Lūgums pēc palīdzības citam cilvēkam: Transports (aizvest, atvest)',
    description:
      'Kaimiņienei otrdien jābūt pie ārsta Rēzeknē, autobuss neiet. Viņa ir ar mieru, ka kāds aizved.',
    location: 'Kaunata, pie veikala',
    asker: { name: 'Pēteris Laizāns', email: 'peteris.laizans@example.org' },
    forWhom: 'other',
    subject: { name: 'Anna (kaimiņiene)', knows: 'yes', told: false },
    kinds: ['transport'],
    wants: 'volunteer',
    days: ['tue'],
    times: 'no rīta',
    speaks: ['lv', 'ltg'],
  },
  {
    parish: 'kaunatas',
    category: 'elderly-help',
    language: 'ru',
    daysAgo: 6,
    title: 'Lūgums pēc palīdzības: Iepirkumi un aptieka',
    description: 'После операции не могу ходить в магазин. Нужны продукты и лекарства раз в неделю.',
    location: 'Kaunata',
    asker: { name: 'Галина Петрова', email: 'galina.petrova@example.org' },
    forWhom: 'self',
    kinds: ['shopping'],
    wants: 'volunteer',
    days: ['thu'],
    times: 'после 16:00',
    speaks: ['ru', 'lv'],
  },
  {
    parish: 'kaunatas',
    category: 'social-other',
    language: 'lv',
    daysAgo: 1,
    title: 'Lūgums pēc palīdzības citam cilvēkam: Digitālā palīdzība (telefons, internets, e-pakalpojumi)',
    description: 'Tēvam jāpiesakās e-veselībā, bet viņš netiek galā ar telefonu. Es dzīvoju Rīgā.',
    location: 'Kaunata, Skolas iela',
    asker: { name: 'Ilze Vanaga', email: 'ilze.vanaga@example.org' },
    forWhom: 'other',
    subject: { name: 'Jānis Vanags', knows: 'yes', email: 'janis.vanags@example.org', told: true },
    kinds: ['digital', 'paperwork'],
    wants: 'call_back',
    days: [],
    times: '',
    speaks: ['lv'],
  },
  {
    parish: 'maltas',
    category: 'elderly-help',
    language: 'ru',
    daysAgo: 3,
    title: 'Lūgums pēc palīdzības citam cilvēkam: Ciemošanās un sabiedrība',
    description:
      'Соседка живёт одна и почти ни с кем не разговаривает. Ей было бы приятно, если бы кто-то заходил.',
    location: 'Malta',
    asker: { name: 'Ольга Смирнова', email: 'olga.smirnova@example.org' },
    forWhom: 'other',
    subject: { name: 'Вера', knows: 'unsure', told: false },
    kinds: ['company'],
    wants: 'visit',
    days: ['wed', 'fri'],
    times: '',
    speaks: ['ru'],
  },
  {
    parish: 'nautrenu',
    category: 'elderly-help',
    language: 'en',
    daysAgo: 5,
    title: 'Lūgums pēc palīdzības: Transports (aizvest, atvest)',
    description: 'My mother needs a lift to the pharmacy in Rogovka now and then. I work abroad.',
    location: 'Rogovka',
    asker: { name: 'Mārtiņš Ozols', email: 'martins.ozols@example.org' },
    forWhom: 'self',
    kinds: ['transport', 'shopping'],
    wants: 'volunteer',
    days: ['mon', 'fri'],
    times: '',
    speaks: ['lv', 'en'],
  },
];

interface ParishRow {
  code: string;
  apvieniba_code: string;
}

/** Adds the demo requests (one transaction); answers how many. */
export async function seedDemoHelpRequests(knex: Knex, options: { now: Date }): Promise<number> {
  return knex.transaction(async (trx) => {
    const parishes = (await trx('parishes').select('code', 'apvieniba_code')) as ParishRow[];
    const rules = (
      (await trx('routing_rules').select('parish_code', 'apvieniba_code', 'category_code', 'contact_id')) as {
        parish_code: string | null;
        apvieniba_code: string | null;
        category_code: string | null;
        contact_id: number;
      }[]
    ).map((row): RoutingRule => ({
      parishCode: row.parish_code,
      apvienibaCode: row.apvieniba_code,
      categoryCode: row.category_code,
      contactId: row.contact_id,
    }));
    for (const request of REQUESTS) {
      const parish = parishes.find((row) => row.code === request.parish);
      if (!parish) continue;
      await insertRequest(trx, request, parish, rules, options.now);
    }
    return REQUESTS.length;
  });
}

async function insertRequest(
  trx: Knex.Transaction,
  request: DemoRequest,
  parish: ParishRow,
  rules: RoutingRule[],
  now: Date,
): Promise<void> {
  const createdAt = new Date(now.getTime() - request.daysAgo * DAY);
  const { rows } = await trx.raw<{ rows: { n: number }[] }>("select nextval('report_number_seq')::int as n");
  const [report] = (await trx('reports')
    .insert({
      ref: formatRef(createdAt.getUTCFullYear(), rows[0]!.n),
      category_code: request.category,
      parish_code: request.parish,
      is_private: true,
      title: request.title,
      description: request.description,
      location: request.location,
      reporter_name: request.asker.name,
      reporter_email: request.asker.email,
      show_name: false,
      language: request.language,
      status: 'open',
      confirmed_at: createdAt,
      routed_at: createdAt,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .returning('id')) as { id: number }[];
  const reportId = report!.id;
  const contactIds = chooseRecipients(rules, {
    parishCode: request.parish,
    apvienibaCode: parish.apvieniba_code,
    categoryCode: request.category,
  });
  const contacts = (await trx('contacts')
    .whereIn('id', contactIds)
    .select('id', 'role', 'name', 'email')) as {
    id: number;
    role: string;
    name: string;
    email: string;
  }[];
  if (contacts.length > 0)
    await trx('report_recipients').insert(
      contacts.map((contact) => ({
        report_id: reportId,
        contact_id: contact.id,
        role: contact.role,
        name: contact.name,
        email: contact.email,
      })),
    );
  await trx('report_updates').insert({
    report_id: reportId,
    author_kind: 'reporter',
    author_name: request.asker.name,
    channel: 'web',
    from_status: 'unconfirmed',
    to_status: 'open',
    is_public: true,
    created_at: createdAt,
  });
  await trx('help_requests').insert({
    report_id: reportId,
    for_whom: request.forWhom,
    subject_knows: request.subject?.knows ?? null,
    subject_name: request.subject?.name ?? null,
    subject_email: request.subject?.email ?? null,
    subject_told_at: request.subject?.told ? createdAt : null,
    kinds: request.kinds.join(','),
    wants: request.wants,
    days: request.days.join(','),
    times: request.times,
    speaks: request.speaks.join(','),
    created_at: createdAt,
  });
}
