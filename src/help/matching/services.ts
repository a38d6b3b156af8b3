import type { HelpDeps } from '../deps.js';

/** The services of this part of help, built from what help shares. */
export function createHelpMatchServices(deps: HelpDeps) {
  void deps;
  return {};
}

export type HelpMatchServices = ReturnType<typeof createHelpMatchServices>;
