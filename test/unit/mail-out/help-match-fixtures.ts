import type { HelpMatchEmails } from '../../../src/help/matching/emails.js';

/** Data for the matching emails, shaped as the matching service builds it. */
export const helpMatchEmails: HelpMatchEmails = {
  'help-proposal': {
    need: {
      kinds: ['Transports'],
      parishName: 'Kaunatas pagasts',
      when: 'Sestdienās',
      speaks: ['latviešu'],
      description: 'Vajag aizvest uz Rēzekni pie ārsta.',
    },
    acceptUrl: 'http://tilts.test/help/matches/3/accept?token=t',
    declineUrl: 'http://tilts.test/help/matches/3/decline?token=t',
    concernUrl: 'http://tilts.test/help/matches/3/concern?token=t',
  },
  'help-consent': {
    volunteer: { firstName: 'Ilze', kinds: ['Transports'], about: 'Braucu uz Rēzekni sestdienās.' },
    agreeUrl: 'http://tilts.test/help/matches/3/agree?token=t',
    refuseUrl: 'http://tilts.test/help/matches/3/refuse?token=t',
    concernUrl: 'http://tilts.test/help/matches/3/concern?token=t',
  },
  'help-contacts': {
    other: { name: 'Anna', email: null, phone: '+371 20000000', location: 'Kaunata, Skolas iela 1' },
    side: 'volunteer',
    concernUrl: 'http://tilts.test/help/matches/3/concern?token=t',
  },
  'help-match-news': {
    ref: 'RZN-2026-00043',
    event: 'accepted',
    workspaceUrl: 'http://tilts.test/staff/reports/RZN-2026-00043',
  },
  'help-followup': {
    answerUrls: {
      helped: 'http://tilts.test/help/matches/3/followup/helped?token=t',
      not_happened: 'http://tilts.test/help/matches/3/followup/not_happened?token=t',
      need_more: 'http://tilts.test/help/matches/3/followup/need_more?token=t',
    },
    concernUrl: 'http://tilts.test/help/matches/3/concern?token=t',
  },
  'help-concern': {
    ref: 'RZN-2026-00043',
    side: 'person',
    text: 'Brīvprātīgais neatnāca.',
    workspaceUrl: 'http://tilts.test/staff/reports/RZN-2026-00043',
  },
};
