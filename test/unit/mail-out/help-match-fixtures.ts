import type { HelpMatchEmails } from '../../../src/help/matching/emails.js';

const concernUrl = 'http://tilts.test/help/matches/3/concern?token=t';

/** Data for the matching emails, shaped as the matching notices build it. */
export const helpMatchEmails: HelpMatchEmails = {
  'help-proposal': {
    need: {
      kinds: ['Transports (aizvest, atvest)'],
      parishName: 'Kaunatas pagasts',
      days: ['sestdiena'],
      speaks: ['latviešu', 'krievu'],
      description: 'Vecāka kundze vēlas tikt uz Rēzekni pie ārsta otrdienas rītā.',
      descriptionLanguage: 'lv',
      times: 'утром',
      timesLanguage: 'ru',
    },
    acceptUrl: 'http://tilts.test/help/matches/3/accept?token=t',
    declineUrl: 'http://tilts.test/help/matches/3/decline?token=t',
    concernUrl,
    ownUrl: 'http://tilts.test/help/offers/5?token=t',
  },
  'help-consent': {
    ref: 'RZN-2026-00042',
    forOther: true,
    personShared: ['name', 'phone', 'address'],
    volunteer: {
      name: 'Ilze',
      kinds: ['Transports (aizvest, atvest)'],
      speaks: ['latviešu', 'krievu'],
      about: 'Braucu uz Rēzekni sestdienās.',
      aboutLanguage: 'lv',
    },
    agreeUrl: 'http://tilts.test/help/matches/3/agree?token=t',
    refuseUrl: 'http://tilts.test/help/matches/3/refuse?token=t',
    concernUrl,
    ownUrl: 'http://tilts.test/reports/RZN-2026-00042?token=t',
  },
  'help-contacts': {
    side: 'volunteer',
    other: { name: 'Anna', email: null, phone: '+371 20000000', location: 'Kaunata, Skolas iela 1' },
    need: 'Vecāka kundze vēlas tikt uz Rēzekni pie ārsta otrdienas rītā.',
    needLanguage: 'lv',
    concernUrl,
  },
  'help-cancelled': {
    why: 'refused',
    concernUrl: 'https://tilts.example.org/help/matches/7/concern?token=3.volunteer.sig',
  },
  'help-match-news': {
    ref: 'RZN-2026-00043',
    news: 'accepted_call',
    workspaceUrl: 'http://tilts.test/staff/help/requests/RZN-2026-00043',
  },
  'help-followup': {
    sharedAt: new Date('2026-11-23T10:00:00Z'),
    answerUrls: {
      helped: 'http://tilts.test/help/matches/3/followup/helped?token=t',
      not_happened: 'http://tilts.test/help/matches/3/followup/not_happened?token=t',
      need_more: 'http://tilts.test/help/matches/3/followup/need_more?token=t',
    },
    concernUrl,
  },
  'help-concern': {
    ref: 'RZN-2026-00043',
    side: 'person',
    text: 'Brīvprātīgais neatnāca.',
    textLanguage: 'lv',
    workspaceUrl: 'http://tilts.test/staff/help/requests/RZN-2026-00043',
  },
};
