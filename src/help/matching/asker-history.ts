import type { Actor, HelpMatchRepository, MatchEvent } from './repository.js';

/**
 * What the person who asked for help is told of the matching on their own page, step by step:
 * that a volunteer was asked, could or could not help, what they themselves (or the social worker
 * for them, after a phone call) answered, and when contacts were shared. Never who the volunteer
 * is, nor what either side wrote: follow-ups, concerns and outcomes are the social worker's.
 */
export type AskerStep =
  | 'asked'
  | 'volunteerReady'
  | 'volunteerCannot'
  | 'agreed'
  | 'agreedForYou'
  | 'refused'
  | 'refusedForYou'
  | 'shared'
  | 'stopped'
  | 'done';

export interface AskerHistoryStep {
  step: AskerStep;
  at: Date;
}

/** A match's event as the person reads it; undefined for what is not theirs to read. */
export function askerStep(event: MatchEvent, actor: Actor): AskerStep | undefined {
  switch (event) {
    case 'proposed':
      return 'asked';
    case 'accepted':
      return 'volunteerReady';
    case 'declined':
      return 'volunteerCannot';
    case 'agreed':
      return actor === 'person' ? 'agreed' : 'agreedForYou';
    case 'refused':
      return actor === 'person' ? 'refused' : 'refusedForYou';
    case 'shared':
      return 'shared';
    case 'cancelled':
      return 'stopped';
    case 'done':
      return 'done';
    default:
      return undefined;
  }
}

/** The matching of one request as its asker's page tells it, oldest first. */
export class AskerHistory {
  constructor(private readonly matches: Pick<HelpMatchRepository, 'eventsOfRequest'>) {}

  async of(reportId: number): Promise<AskerHistoryStep[]> {
    const events = await this.matches.eventsOfRequest(reportId);
    return events.flatMap(({ event, actor, at }) => {
      const step = askerStep(event, actor);
      return step ? [{ step, at }] : [];
    });
  }
}
