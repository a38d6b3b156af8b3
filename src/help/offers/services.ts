import type { HelpDeps } from '../deps.js';
import { MatchDisclosures } from '../matching/disclosures.js';
import type { StaffOfferMatches } from '../matching/staff-offer-matches.js';
import { HelpOfferCheckService } from './checks.js';
import { HelpOfferLinks } from './links.js';
import { HelpOfferRepository } from './repository.js';
import { HelpOfferMail, HelpOfferService, type StopMatches } from './service.js';
import { StaffHelpOfferService } from './staff-service.js';
import { HelpSummaryService } from './summary.js';

/**
 * The services of offers: the volunteer's own, "still available?", /help, and the staff side.
 * Withdrawing or erasing an offer stops its undecided matches (`stopMatches`, from matching); a
 * staff export holds the matches the offer's staff page lists to its reader (`shownMatches`).
 */
export function createHelpOfferServices(
  deps: HelpDeps,
  { stopMatches, shownMatches }: { stopMatches: StopMatches; shownMatches: Pick<StaffOfferMatches, 'list'> },
) {
  const { knex, clock } = deps;
  const offers = new HelpOfferRepository(knex);
  const links = new HelpOfferLinks(deps.config.publicUrl, deps.signer);
  const mail = new HelpOfferMail({ mail: deps.mail, links, reference: deps.reference });
  return {
    helpOffers: new HelpOfferService({ knex, offers, links, mail, stopMatches, clock }),
    helpOfferChecks: new HelpOfferCheckService({ knex, offers, links, mail, stopMatches, clock }),
    helpSummary: new HelpSummaryService({ offers, reference: deps.reference, publicWords: deps.publicWords }),
    staffHelpOffers: new StaffHelpOfferService({
      knex,
      offers,
      audit: deps.audit,
      stopMatches,
      disclosures: new MatchDisclosures(knex),
      shownMatches,
      rawMail: deps.rawMail,
      clock,
    }),
    helpOfferLinks: links,
  };
}

export type HelpOfferServices = ReturnType<typeof createHelpOfferServices>;
