import type { HelpDeps } from './deps.js';
import { createHelpMatchServices } from './matching/services.js';
import { createHelpOfferServices } from './offers/services.js';
import { createHelpRequestServices } from './requests/services.js';

/** Help: offers, requests and the social worker's matches between them. */
export function createHelpServices(deps: HelpDeps) {
  return {
    ...createHelpOfferServices(deps),
    ...createHelpRequestServices(deps),
    ...createHelpMatchServices(deps),
  };
}

export type HelpServices = ReturnType<typeof createHelpServices>;
