import assert from 'node:assert/strict';
import { stepsFor } from '../../../src/help/matching/disclosures.js';
import type { MatchEventRow } from '../../../src/help/matching/repository.js';

const at = new Date('2026-12-01T10:00:00Z');
const event = (e: Partial<MatchEventRow>): MatchEventRow => ({
  id: 1,
  matchId: 1,
  event: 'proposed',
  actor: 'staff',
  staffId: 7,
  staffName: 'Inese Sociālā',
  via: 'web',
  detail: null,
  at,
  ...e,
});

describe('the steps of a match in one side’s own export', () => {
  const events = [
    event({}),
    event({ event: 'accepted', actor: 'volunteer', via: 'email' }),
    event({ event: 'agreed', actor: 'person', via: 'email' }),
    event({ event: 'followup_answer', actor: 'volunteer', via: 'email', detail: 'helped' }),
    event({ event: 'concern', actor: 'person', via: 'web' }),
    event({ event: 'followup_answer', actor: 'person', via: 'email', detail: 'need_more' }),
  ];

  it('keeps its own steps, staff’s and the other side’s answers, never the other side’s follow-up or concern', () => {
    assert.deepEqual(
      stepsFor(events, 'person').map((step) => `${step.event}/${step.by}`),
      ['proposed/staff', 'accepted/volunteer', 'agreed/person', 'concern/person', 'followup_answer/person'],
    );
    assert.deepEqual(
      stepsFor(events, 'volunteer').map((step) => `${step.event}/${step.by}`),
      ['proposed/staff', 'accepted/volunteer', 'agreed/person', 'followup_answer/volunteer'],
    );
  });

  it('names no staff member', () => {
    assert.doesNotMatch(JSON.stringify(stepsFor(events, 'person')), /Inese/);
  });
});
