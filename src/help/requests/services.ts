import type { HelpDeps } from '../deps.js';
import { MatchDisclosures } from '../matching/disclosures.js';
import { HelpRequestNotices } from './notices.js';
import { HelpRequestRepository } from './repository.js';
import { HelpRequestService } from './service.js';
import { StaffHelpRequestService } from './staff-service.js';

/** Asking for help (public), and requests in the staff workspace; `helpRequestRepository` is read by matching. */
export function createHelpRequestServices(deps: HelpDeps) {
  const requests = new HelpRequestRepository(deps.knex);
  const notices = new HelpRequestNotices({
    mail: deps.mail,
    links: deps.links,
    reference: deps.reference,
    publicUrl: deps.config.publicUrl,
  });
  const shared = { ...deps, requests, notices };
  return {
    helpRequestRepository: requests,
    helpRequests: new HelpRequestService({ ...shared, reports: deps.reportRepository }),
    staffHelpRequests: new StaffHelpRequestService({
      ...shared,
      reports: deps.reportRepository,
      disclosures: new MatchDisclosures(deps.knex),
    }),
  };
}

export type HelpRequestServices = ReturnType<typeof createHelpRequestServices>;
