import type { HelpDeps } from '../deps.js';

/** The services of this part of help, built from what help shares. */
export function createHelpOfferServices(deps: HelpDeps) {
  void deps;
  return {};
}

export type HelpOfferServices = ReturnType<typeof createHelpOfferServices>;
