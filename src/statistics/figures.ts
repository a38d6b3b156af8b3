import type { Category } from '../reference/types.js';
import type { Status } from '../reports/types.js';
import { monthStart } from './calendar.js';
import { median } from './median.js';
import { finishedWithinTarget, openOverdueBefore } from './on-time.js';
import type { Period } from './period.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
/** A category without a target (there is none today) is held to the staff queue's default. */
const DEFAULT_TARGET_DAYS = 10;
const ACTIVE: readonly Status[] = ['open', 'acknowledged', 'in_progress'];

/** What the statistics know of one public report (the repository reads nothing else). */
export interface ReportFacts {
  parishCode: string;
  categoryCode: string;
  status: Status;
  routedAt: Date;
  /** The first public word or status change by whoever handles it (see the about page). */
  firstResponseAt: Date | null;
  /** When it was last resolved or closed, if that is its status now. */
  finishedAt: Date | null;
  /** The reporter's latest "is it fixed?" answer, if yes or no. */
  fixedAnswer: 'yes' | 'no' | null;
}

/** A figure measured over some of the reports: how many it was measured on, and the result. */
export interface Measured {
  base: number;
  value: number | null;
}

/** Every figure of one place over a period, before anything is hidden. */
export interface Figures {
  received: number;
  firstResponseDays: Measured;
  resolutionDays: Measured;
  /** Finished within target ÷ (finished + still open and overdue). */
  onTimeShare: Measured;
  backlogUnder4: number;
  backlog4to8: number;
  backlogOver8: number;
  fixedYes: number;
  fixedNo: number;
  /** Per month of the period, in order: received, and resolved or closed. */
  trendReceived: number[];
  trendResolved: number[];
}

export interface FigureContext {
  period: Period;
  now: Date;
  categories: readonly Category[];
}

/** Whether a report was resolved on time: 'on-time', 'late' (finished late, or open and overdue), or
 * null (open, still within its target: not judged yet). */
export type Judge = (report: ReportFacts) => 'on-time' | 'late' | null;

/** A judge of "on time" for one moment, made once for all the places of one page. */
export function onTimeJudge(context: FigureContext): Judge {
  const targets = new Map(context.categories.map((category) => [category.code, category.targetDays]));
  const overdueBefore = openOverdueBefore(context.categories, context.now);
  const target = (code: string) => targets.get(code) ?? DEFAULT_TARGET_DAYS;
  return (report) => {
    if (report.finishedAt)
      return finishedWithinTarget(report.routedAt, report.finishedAt, target(report.categoryCode))
        ? 'on-time'
        : 'late';
    const before = overdueBefore.get(report.categoryCode);
    return before && report.routedAt < before ? 'late' : null;
  };
}

const days = (from: Date, to: Date) => Math.max(0, to.getTime() - from.getTime()) / DAY_MS;

/** What one report adds to the figures of every place it belongs to, worked out once. */
export interface Contribution {
  /** The month of the period it was received in (an index), or -1: received before the period. */
  receivedMonth: number;
  /** The month of the period it was resolved or closed in, or -1. */
  resolvedMonth: number;
  responseDays: number | null;
  resolutionDays: number | null;
  verdict: 'on-time' | 'late' | null;
  /** 0: open under 4 weeks, 1: 4 to 8, 2: over 8; null when not open. */
  backlog: 0 | 1 | 2 | null;
  fixed: 'yes' | 'no' | null;
}

/** The month of the period an instant falls in, by the months' starts in Riga; -1 outside it. */
function monthFinder(period: Period): (at: Date) => number {
  const starts = period.months.map((month) => monthStart(month).getTime());
  const end = period.end.getTime();
  return (at) => {
    const time = at.getTime();
    if (time < starts[0]! || time >= end) return -1;
    let index = starts.length - 1;
    while (starts[index]! > time) index -= 1;
    return index;
  };
}

/** Works out each report's part in the figures, once for all the places it counts for. */
export function contributions(
  reports: readonly ReportFacts[],
  context: FigureContext,
  judge: Judge,
): Contribution[] {
  const month = monthFinder(context.period);
  const now = context.now.getTime();
  return reports.map((report) => {
    const receivedMonth = month(report.routedAt);
    const resolvedMonth = report.finishedAt ? month(report.finishedAt) : -1;
    if (receivedMonth < 0)
      return {
        receivedMonth,
        resolvedMonth,
        responseDays: null,
        resolutionDays: null,
        verdict: null,
        backlog: null,
        fixed: null,
      };
    const age = now - report.routedAt.getTime();
    return {
      receivedMonth,
      resolvedMonth,
      responseDays: report.firstResponseAt ? days(report.routedAt, report.firstResponseAt) : null,
      resolutionDays: report.finishedAt ? days(report.routedAt, report.finishedAt) : null,
      verdict: judge(report),
      backlog: ACTIVE.includes(report.status) ? (age < 4 * WEEK_MS ? 0 : age < 8 * WEEK_MS ? 1 : 2) : null,
      fixed: report.fixedAnswer,
    };
  });
}

/** A running count of one place's figures, as contributions are added to it. */
export class Tally {
  private received = 0;
  private readonly responses: number[] = [];
  private readonly resolutions: number[] = [];
  private onTime = 0;
  private judged = 0;
  private readonly backlog = [0, 0, 0];
  private fixedYes = 0;
  private fixedNo = 0;
  private readonly trendReceived: number[];
  private readonly trendResolved: number[];

  constructor(months: number) {
    this.trendReceived = Array.from({ length: months }, () => 0);
    this.trendResolved = Array.from({ length: months }, () => 0);
  }

  add(part: Contribution): void {
    if (part.resolvedMonth >= 0) this.trendResolved[part.resolvedMonth]! += 1;
    if (part.receivedMonth < 0) return;
    this.received += 1;
    this.trendReceived[part.receivedMonth]! += 1;
    if (part.responseDays !== null) this.responses.push(part.responseDays);
    if (part.resolutionDays !== null) this.resolutions.push(part.resolutionDays);
    if (part.verdict !== null) this.judged += 1;
    if (part.verdict === 'on-time') this.onTime += 1;
    if (part.backlog !== null) this.backlog[part.backlog]! += 1;
    if (part.fixed === 'yes') this.fixedYes += 1;
    if (part.fixed === 'no') this.fixedNo += 1;
  }

  figures(): Figures {
    return {
      received: this.received,
      firstResponseDays: { base: this.responses.length, value: median(this.responses) },
      resolutionDays: { base: this.resolutions.length, value: median(this.resolutions) },
      onTimeShare: { base: this.judged, value: this.judged > 0 ? this.onTime / this.judged : null },
      backlogUnder4: this.backlog[0]!,
      backlog4to8: this.backlog[1]!,
      backlogOver8: this.backlog[2]!,
      fixedYes: this.fixedYes,
      fixedNo: this.fixedNo,
      trendReceived: [...this.trendReceived],
      trendResolved: [...this.trendResolved],
    };
  }
}

/**
 * The figures of one place from its reports: those received in the period (every figure but
 * "resolved per month") and those resolved or closed in it (that one).
 */
export function computeFigures(
  reports: readonly ReportFacts[],
  context: FigureContext,
  judge: Judge,
): Figures {
  const tally = new Tally(context.period.months.length);
  for (const part of contributions(reports, context, judge)) tally.add(part);
  return tally.figures();
}
