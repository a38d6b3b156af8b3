import type { HelpDeps } from '../deps.js';
import { HelpOfferLinks } from '../offers/links.js';
import { HelpOfferRepository } from '../offers/repository.js';
import { HelpRequestRepository } from '../requests/repository.js';
import { MatchAnswers } from './answers.js';
import { AskerHistory } from './asker-history.js';
import { MatchDesk } from './desk.js';
import { MatchFlow } from './flow.js';
import { MatchFollowups } from './followups.js';
import { MatchLinks } from './links.js';
import { HelpMatchNotices } from './notices.js';
import { HelpConcernRepository } from './concern-repository.js';
import { StaffOfferMatches } from './staff-offer-matches.js';
import { VolunteerMatches } from './volunteer-matches.js';
import { HelpMatchRepository } from './repository.js';

/**
 * Matching: the social worker's desk, the links in its emails, the follow-ups and the matches a
 * volunteer reads on their offer's page; and for offers,
 * `stopMatches`, which stops an offer's undecided matches in the transaction that withdraws it.
 */
export function createHelpMatchServices(deps: HelpDeps) {
  const { knex, clock } = deps;
  const matches = new HelpMatchRepository(knex);
  const concerns = new HelpConcernRepository(knex);
  const offers = new HelpOfferRepository(knex);
  const requests = new HelpRequestRepository(knex);
  const reports = deps.reportRepository;
  const links = new MatchLinks(deps.signer, deps.config.publicUrl);
  const offerLinks = new HelpOfferLinks(deps.config.publicUrl, deps.signer);
  const notices = new HelpMatchNotices({
    ...deps,
    links,
    publicUrl: deps.config.publicUrl,
    offerLinks,
    reportLinks: deps.links,
  });
  const flow = new MatchFlow({
    knex,
    matches,
    offers,
    requests,
    reports,
    notices,
    clock,
    followupDays: deps.config.helpFollowupDays,
  });
  const services = {
    helpMatchDesk: new MatchDesk({
      knex,
      view: deps.staffReports,
      reports,
      matches,
      concerns,
      offers,
      requests,
      flow,
      notices,
      words: deps.publicWords,
      audit: deps.audit,
      clock,
    }),
    helpMatchAnswers: new MatchAnswers({
      knex,
      matches,
      concerns,
      offers,
      requests,
      reports,
      links,
      flow,
      notices,
      words: deps.publicWords,
      offerLinks,
      reportLinks: deps.links,
      clock,
    }),
    helpFollowups: new MatchFollowups({ knex, matches, offers, requests, reports, notices, clock }),
    helpAskerHistory: new AskerHistory(matches),
    helpStaffOfferMatches: new StaffOfferMatches({ matches, reports, staffReports: deps.staffReports }),
    helpVolunteerMatches: new VolunteerMatches({
      matches,
      requests,
      reports,
      reference: deps.reference,
      words: deps.publicWords,
      links,
      clock,
    }),
    helpClosedRequests: { stopClosed: (limit?: number) => flow.stopClosed(limit) },
  };
  return { services, stopMatches: flow.stopForOffer.bind(flow) };
}

export type HelpMatchServices = ReturnType<typeof createHelpMatchServices>['services'];
