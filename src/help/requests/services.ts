import type { HelpDeps } from '../deps.js';

/** The services of this part of help, built from what help shares. */
export function createHelpRequestServices(deps: HelpDeps) {
  void deps;
  return {};
}

export type HelpRequestServices = ReturnType<typeof createHelpRequestServices>;
