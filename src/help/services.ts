import type { HelpDeps } from './deps.js';
import { createHelpMatchServices } from './matching/services.js';
import { createHelpOfferServices } from './offers/services.js';
import { createHelpRequestServices } from './requests/services.js';

/** Help: offers, requests and the social worker's matches between them. */
export function createHelpServices(deps: HelpDeps) {
  const matching = createHelpMatchServices(deps);
  return {
    ...createHelpOfferServices(deps, {
      stopMatches: matching.stopMatches,
      shownMatches: matching.services.helpStaffOfferMatches,
    }),
    ...createHelpRequestServices(deps),
    ...matching.services,
  };
}

export type HelpServices = ReturnType<typeof createHelpServices>;
