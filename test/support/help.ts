import type { HelpKind } from '../../src/help/types.js';
import type { Report } from '../../src/reports/types.js';
import type { TestContext } from './app.js';
import { makeReport } from './reports.js';

let counter = 0;

/** An active, confirmed offer, stored as the offer form would leave it once confirmed. */
export async function makeOffer(
  context: TestContext,
  over: {
    name?: string;
    email?: string;
    phone?: string | null;
    kinds?: HelpKind[];
    parishes?: string[];
    days?: string;
    askMe?: boolean;
    speaks?: string;
    status?: 'active' | 'paused' | 'withdrawn';
    shareEmail?: boolean;
    sharePhone?: boolean;
    capacity?: number;
    language?: 'lv' | 'en' | 'ru';
    about?: string;
  } = {},
): Promise<number> {
  counter += 1;
  const { knex } = context.services;
  const now = context.services.clock();
  const [row] = (await knex('help_offers')
    .insert({
      status: over.status ?? 'active',
      offered_by: 'individual',
      name: over.name ?? `Brīvprātīgais Nr${counter} Ozols`,
      email: over.email ?? `volunteer.${counter}@example.org`,
      phone: over.phone === undefined ? `+371 2900${String(counter).padStart(4, '0')}` : over.phone,
      share_email: over.shareEmail ?? true,
      share_phone: over.sharePhone ?? true,
      days: over.days ?? 'sat',
      times: '',
      ask_me: over.askMe ?? false,
      speaks: over.speaks ?? 'lv,ru',
      about: over.about ?? 'Braucu uz Rēzekni sestdienās.',
      capacity: over.capacity ?? 2,
      language: over.language ?? 'lv',
      created_at: now,
      confirmed_at: now,
      updated_at: now,
    })
    .returning('id')) as { id: number }[];
  const id = row!.id;
  await knex('help_offer_kinds').insert(
    (over.kinds ?? ['transport']).map((kind) => ({ offer_id: id, kind })),
  );
  await knex('help_offer_parishes').insert(
    (over.parishes ?? ['kaunatas']).map((parish_code) => ({ offer_id: id, parish_code })),
  );
  return id;
}

/** A request for help: a confirmed private report (routed to the social worker) and its help details. */
export async function makeHelpRequest(
  context: TestContext,
  over: {
    parish?: string;
    email?: string;
    phone?: string | null;
    name?: string;
    forWhom?: 'self' | 'other';
    subject?: { name: string; phone?: string; email?: string };
    /** Whether the person asked for knows of it (for someone else only; 'yes' unless given). */
    knows?: 'yes' | 'no' | 'unsure';
    kinds?: string;
    days?: string;
    speaks?: string;
    location?: string;
    description?: string;
    /** The language the asker wrote in, and reads their emails in (Latvian unless said). */
    language?: 'lv' | 'en' | 'ru';
  } = {},
): Promise<Report> {
  const { report } = await makeReport(context.services, {
    category: 'elderly-help',
    parish: over.parish ?? 'kaunatas',
    title: 'Vajag aizvest pie ārsta',
    description: over.description ?? 'Mana kaimiņiene Anna Liepa vēlas tikt uz Rēzekni.',
    location: over.location ?? 'Kaunata, Liepu iela 7',
    name: over.name ?? 'Jānis Kalniņš',
    ...(over.email !== undefined ? { email: over.email } : {}),
    phone: over.phone === undefined ? '+371 26660001' : over.phone,
    ...(over.language ? { language: over.language } : {}),
  });
  await context.services.knex('help_requests').insert({
    report_id: report.id,
    for_whom: over.forWhom ?? 'self',
    subject_knows: over.forWhom === 'other' ? (over.knows ?? 'yes') : null,
    subject_name: over.subject?.name ?? null,
    subject_phone: over.subject?.phone ?? null,
    subject_email: over.subject?.email ?? null,
    kinds: over.kinds ?? 'transport',
    wants: 'volunteer',
    days: over.days ?? 'sat',
    times: '',
    speaks: over.speaks ?? 'lv',
    created_at: context.services.clock(),
  });
  return report;
}
