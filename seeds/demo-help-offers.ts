import type { Knex } from 'knex';
import { HelpOfferRepository, type OfferDetails } from '../src/help/offers/repository.js';
import type { OfferStatus } from '../src/help/types.js';

const DAY = 24 * 60 * 60 * 1000;

interface DemoOffer extends Omit<OfferDetails, 'phone' | 'sharePhone' | 'shareEmail'> {
  language: 'lv' | 'en' | 'ru';
  status: OfferStatus;
  daysAgo: number;
}

/*
 * A few volunteers' offers beside the demo reports, most in Kaunata, so that the demo social
 * worker has someone to propose for the demo requests, /help has something to count (one
 * apvienība with "fewer than 3", one with real numbers) and one organisation is listed by name.
 * Addresses are at example.org; there are no phone numbers, as a made-up one could be real.
 * Every active one was confirmed less than three months ago: none is asked "still available?"
 * on the first start.
 */
const base = { listed: false, times: '', askMe: false, about: '', capacity: 1 };
const OFFERS: readonly DemoOffer[] = [
  {
    ...base,
    offeredBy: 'individual',
    name: 'Jānis Ozols',
    email: 'janis.ozols@example.org',
    kinds: ['transport', 'shopping'],
    parishes: ['kaunatas', 'griskanu'],
    days: ['tue', 'sat'],
    times: 'no rīta',
    speaks: ['lv', 'ltg', 'ru'],
    about: 'Braucu uz Rēzekni otrdienās un sestdienās, varu paņemt līdzi vai nopirkt, kas vajadzīgs.',
    capacity: 2,
    language: 'lv',
    status: 'active',
    daysAgo: 40,
  },
  {
    ...base,
    offeredBy: 'individual',
    name: 'Marija Volkova',
    email: 'marija.volkova@example.org',
    kinds: ['company', 'digital'],
    parishes: ['kaunatas', 'cornajas'],
    days: [],
    askMe: true,
    speaks: ['ru', 'lv'],
    about: 'Могу помочь с телефоном и э-услугами, навестить и поговорить.',
    language: 'ru',
    status: 'active',
    daysAgo: 25,
  },
  {
    ...base,
    offeredBy: 'individual',
    name: 'Aivars Kalns',
    email: 'aivars.kalns@example.org',
    kinds: ['household'],
    parishes: ['kaunatas'],
    days: ['sat', 'sun'],
    speaks: ['lv', 'ltg'],
    about: 'Varu saskaldīt un ienest malku.',
    language: 'lv',
    status: 'active',
    daysAgo: 12,
  },
  {
    ...base,
    offeredBy: 'individual',
    name: 'Pēteris Zariņš',
    email: 'peteris.zarins@example.org',
    kinds: ['transport'],
    parishes: ['kaunatas', 'stolerovas'],
    days: ['mon', 'thu'],
    times: 'pēcpusdienā',
    speaks: ['lv', 'ru'],
    about: 'Strādāju Rēzeknē, pēc darba varu paņemt līdzi uz pilsētu un atpakaļ.',
    language: 'lv',
    status: 'active',
    daysAgo: 8,
  },
  {
    ...base,
    offeredBy: 'organisation',
    name: 'Biedrība “Kaunatas kaimiņi”',
    listed: true,
    email: 'kaimini@example.org',
    kinds: ['transport', 'shopping', 'company'],
    parishes: ['kaunatas', 'griskanu', 'cornajas', 'stolerovas'],
    days: [],
    askMe: true,
    speaks: ['lv', 'ltg', 'ru'],
    capacity: 5,
    language: 'lv',
    status: 'active',
    daysAgo: 60,
  },
  {
    ...base,
    offeredBy: 'organisation',
    name: 'Viļānu jauniešu centrs',
    listed: true,
    email: 'jauniesi.vilani@example.org',
    kinds: ['digital', 'paperwork'],
    parishes: ['vilani', 'vilanu', 'sokolku'],
    days: ['wed', 'thu'],
    times: '15:00–18:00',
    speaks: ['lv', 'ru', 'en'],
    capacity: 3,
    language: 'lv',
    status: 'active',
    daysAgo: 30,
  },
  {
    ...base,
    offeredBy: 'individual',
    name: 'Inga Liepa',
    email: 'inga.liepa@example.org',
    kinds: ['paperwork', 'digital'],
    parishes: ['maltas', 'feimanu'],
    days: ['mon'],
    speaks: ['lv', 'en'],
    language: 'en',
    status: 'paused',
    daysAgo: 70,
  },
  {
    ...base,
    offeredBy: 'individual',
    name: 'Oskars Bērziņš',
    email: 'oskars.berzins@example.org',
    kinds: ['other'],
    parishes: ['nautrenu'],
    days: [],
    askMe: true,
    speaks: ['lv'],
    language: 'lv',
    status: 'unconfirmed',
    daysAgo: 1,
  },
];

/** Adds the demo offers to a database that has none; returns how many. */
export async function seedDemoHelpOffers(knex: Knex, options: { now: Date }): Promise<number> {
  const [existing] = (await knex('help_offers').count({ count: '*' })) as { count: number | string }[];
  if (Number(existing?.count ?? 0) > 0) return 0;
  const offers = new HelpOfferRepository(knex);
  await knex.transaction(async (trx) => {
    for (const demo of OFFERS) {
      const at = new Date(options.now.getTime() - demo.daysAgo * DAY);
      const { language, status, daysAgo: _daysAgo, ...details } = demo;
      const offer = await offers.insert(
        trx,
        { ...details, phone: null, shareEmail: true, sharePhone: false, language },
        at,
      );
      if (status === 'unconfirmed') continue;
      await offers.setStatus(trx, offer.id, ['unconfirmed'], { status: 'active', confirmedAt: at }, at);
      if (status === 'paused')
        await offers.setStatus(
          trx,
          offer.id,
          ['active'],
          { status: 'paused', pausedAt: options.now },
          options.now,
        );
    }
  });
  return OFFERS.length;
}
