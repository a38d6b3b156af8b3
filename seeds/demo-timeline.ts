import {
  reporterComments,
  reporterFixed,
  reporterReopened,
  socialWorkerReplies,
  staffReplies,
} from './data/demo-replies.js';
import type { Language } from './data/demo-types.js';
import type { CloseReason, Status } from '../src/reports/types.js';
import { between, chance, pick, weighted, type Random } from './demo-random.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
// Riga is UTC+2 in winter and +3 in summer; an hour off in summer does not show in a demo.
const RIGA_OFFSET = 2 * HOUR;

/** One row of a report's timeline, before it has ids. */
export interface DemoEvent {
  at: Date;
  by: 'reporter' | 'staff';
  channel: 'web' | 'email' | 'link';
  from: Status | null;
  to: Status | null;
  text: string | null;
  isPublic: boolean;
  /** A photo of the fixed problem goes with this update. */
  afterPhoto: boolean;
}

export interface DemoHistory {
  status: Status;
  closeReason: CloseReason | null;
  confirmedAt: Date | null;
  withdrawnAt: Date | null;
  duplicateOf: number | null;
  events: DemoEvent[];
}

export interface HistoryRequest {
  createdAt: Date;
  now: Date;
  isPrivate: boolean;
  language: Language;
  /** What the parish says when this problem is fixed. */
  fixed: readonly string[];
  /** An earlier public report of the same parish and category, for "duplicate". */
  earlier: { id: number; ref: string } | undefined;
  canPhotograph: boolean;
  /** Bulk mode: only the rows that change the status. */
  minimal: boolean;
}

/** `after` plus a delay, moved into the parish office's hours (weekdays 8–17 in Riga). */
function officeTime(random: Random, after: Date, minHours: number, maxHours: number): Date {
  const local = new Date(
    after.getTime() + RIGA_OFFSET + (minHours + random() * (maxHours - minHours)) * HOUR,
  );
  if (local.getUTCHours() < 8 || local.getUTCHours() >= 17) {
    if (local.getUTCHours() >= 17) local.setUTCDate(local.getUTCDate() + 1);
    local.setUTCHours(between(random, 8, 16), between(random, 0, 59));
  }
  while (local.getUTCDay() === 0 || local.getUTCDay() === 6) local.setUTCDate(local.getUTCDate() + 1);
  return new Date(local.getTime() - RIGA_OFFSET);
}

function residentTime(random: Random, after: Date, minHours: number, maxHours: number): Date {
  return new Date(after.getTime() + (minHours + random() * (maxHours - minHours)) * HOUR);
}

type Step =
  | { to: Status; by: 'staff' | 'reporter'; closeReason?: CloseReason; minHours: number; maxHours: number }
  | { to: null };

/** What happens next to a report in `status`, with how long it takes; `to: null` means nothing more. */
function nextStep(random: Random, status: Status, isPrivate: boolean, hasEarlier: boolean): Step {
  const closeReason = (): CloseReason =>
    isPrivate
      ? 'no_action'
      : weighted(random, [
          ['not_responsible', 4],
          ['no_action', 3],
          ['duplicate', hasEarlier ? 3 : 0],
        ]);
  switch (status) {
    case 'open':
      return weighted<Step>(random, [
        [{ to: 'acknowledged', by: 'staff', minHours: 1, maxHours: 96 }, 72],
        [{ to: 'in_progress', by: 'staff', minHours: 4, maxHours: 120 }, 5],
        [{ to: 'resolved', by: 'staff', minHours: 4, maxHours: 240 }, 5],
        [{ to: 'closed', by: 'staff', closeReason: closeReason(), minHours: 2, maxHours: 96 }, 5],
        [{ to: 'closed', by: 'reporter', closeReason: 'withdrawn', minHours: 2, maxHours: 72 }, 1],
        [{ to: null }, 9],
      ]);
    case 'acknowledged':
      return weighted<Step>(random, [
        [{ to: 'in_progress', by: 'staff', minHours: 24, maxHours: 240 }, 45],
        [{ to: 'resolved', by: 'staff', minHours: 48, maxHours: 600 }, 28],
        [{ to: 'resolved', by: 'reporter', minHours: 48, maxHours: 600 }, 7],
        [{ to: 'closed', by: 'staff', closeReason: closeReason(), minHours: 24, maxHours: 240 }, 4],
        [{ to: null }, 30],
      ]);
    case 'in_progress':
      return weighted<Step>(random, [
        [{ to: 'resolved', by: 'staff', minHours: 24, maxHours: 720 }, 66],
        [{ to: 'resolved', by: 'reporter', minHours: 24, maxHours: 720 }, 16],
        [{ to: null }, 32],
      ]);
    case 'resolved':
      return chance(random, 0.08)
        ? { to: 'open', by: 'reporter', minHours: 24, maxHours: 480 }
        : { to: null };
    case 'closed':
      return chance(random, 0.02)
        ? { to: 'open', by: 'reporter', minHours: 24, maxHours: 480 }
        : { to: null };
    default:
      return { to: null };
  }
}

function staffText(
  random: Random,
  to: Status,
  request: HistoryRequest,
  closeReason?: CloseReason,
): string | null {
  const replies = request.isPrivate ? socialWorkerReplies : staffReplies;
  if (to === 'acknowledged') return pick(random, replies.acknowledged);
  // A one-click action link changes the status without words.
  if (to === 'in_progress') return chance(random, 0.3) ? null : pick(random, replies.in_progress);
  if (to === 'resolved')
    return pick(random, request.fixed.length > 0 && !request.isPrivate ? request.fixed : replies.resolved);
  if (to === 'closed' && closeReason && closeReason !== 'withdrawn') {
    const texts = staffReplies[closeReason];
    return pick(random, texts).replace('{ref}', request.earlier?.ref ?? '');
  }
  return null;
}

type Change = Extract<Step, { by: 'staff' | 'reporter' }>;

/** The row of one status change: the parish answers by email (or a wordless action link). */
function changeEvent(
  random: Random,
  step: Change,
  from: Status,
  at: Date,
  request: HistoryRequest,
): DemoEvent {
  const withdrawn = step.closeReason === 'withdrawn';
  let text: string | null = null;
  if (step.by === 'staff') text = staffText(random, step.to, request, step.closeReason);
  else if (!withdrawn)
    text = pick(random, (step.to === 'open' ? reporterReopened : reporterFixed)[request.language]);
  return {
    at,
    by: step.by,
    channel: step.by === 'reporter' ? 'web' : step.to === 'in_progress' && text === null ? 'link' : 'email',
    from,
    to: step.to,
    text,
    // A withdrawal is the reporter's private business, as in the real service.
    isPublic: !withdrawn,
    afterPhoto:
      step.by === 'staff' &&
      step.to === 'resolved' &&
      request.canPhotograph &&
      !request.minimal &&
      chance(random, 0.15),
  };
}

/**
 * A report's life from the form to today, one row per change, as the real service writes it:
 * `unconfirmed` (not public), confirmed by the reporter, then the parish's answers by email and
 * action links, the reporter's comments, "fixed" and "not fixed". It stops where `now` is.
 */
export function simulateHistory(random: Random, request: HistoryRequest): DemoHistory {
  const { createdAt, now, language } = request;
  const history: DemoHistory = {
    status: 'unconfirmed',
    closeReason: null,
    confirmedAt: null,
    withdrawnAt: null,
    duplicateOf: null,
    events: [],
  };
  const add = (event: Omit<DemoEvent, 'afterPhoto'> & { afterPhoto?: boolean }) =>
    history.events.push({ afterPhoto: false, ...event });
  add({
    at: createdAt,
    by: 'reporter',
    channel: 'web',
    from: null,
    to: 'unconfirmed',
    text: null,
    isPublic: false,
  });

  // Some people never click the link; after 14 days such reports are purged, so only recent ones remain.
  const age = now.getTime() - createdAt.getTime();
  if (age < 7 * DAY && chance(random, 0.35)) return history;
  // Most people click the link within minutes; some only the next morning.
  const confirmedAt = residentTime(random, createdAt, 0.02, chance(random, 0.8) ? 1 : 14);
  if (confirmedAt > now) return history;
  history.confirmedAt = confirmedAt;
  history.status = 'open';
  add({
    at: confirmedAt,
    by: 'reporter',
    channel: 'web',
    from: 'unconfirmed',
    to: 'open',
    text: null,
    isPublic: true,
  });

  let at = confirmedAt;
  for (let steps = 0; steps < 8; steps++) {
    const step = nextStep(random, history.status, request.isPrivate, request.earlier !== undefined);
    if (step.to === null) break;
    const next =
      step.by === 'staff'
        ? officeTime(random, at, step.minHours, step.maxHours)
        : residentTime(random, at, step.minHours, step.maxHours);
    if (next > now) break;
    if (!request.minimal && chance(random, 0.18)) {
      const commentAt = residentTime(random, at, 1, Math.max(2, (next.getTime() - at.getTime()) / HOUR - 1));
      add({
        at: commentAt,
        by: 'reporter',
        channel: 'web',
        from: null,
        to: null,
        text: pick(random, reporterComments[language]),
        isPublic: true,
      });
    }
    history.events.push(changeEvent(random, step, history.status, next, request));
    history.status = step.to;
    history.closeReason = step.to === 'closed' ? (step.closeReason ?? 'no_action') : null;
    history.duplicateOf = step.closeReason === 'duplicate' ? (request.earlier?.id ?? null) : null;
    if (step.closeReason === 'withdrawn') {
      history.withdrawnAt = next;
      break;
    }
    at = next;
  }
  return history;
}
