/*
 * What a moderator hides, or a resident reports: a whole report, one update of its timeline, or
 * one photo. Pure rules for reading one from a URL or a form.
 */

import type { AuditObjectType } from '../audit/fields.js';

export type Target = { kind: 'report' } | { kind: 'update'; id: number } | { kind: 'photo'; id: number };

export const WHOLE_REPORT: Target = { kind: 'report' };

// Ids are PostgreSQL `integer`s: anything bigger is no row, and must not reach the database.
const MAX_ID = 2_147_483_647;

export function parseId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return undefined;
  const id = Number(value);
  return id <= MAX_ID ? id : undefined;
}

/** `/…/updates/12` or `/…/photos/34` in a URL; anything else is no target. */
export function targetOfPath(part: unknown, id: unknown): Target | undefined {
  const parsed = parseId(id);
  if (parsed === undefined) return undefined;
  if (part === 'updates') return { kind: 'update', id: parsed };
  if (part === 'photos') return { kind: 'photo', id: parsed };
  return undefined;
}

/** The value of the abuse form's choice: `report`, `update:12` or `photo:34`. */
export function choiceOf(target: Target): string {
  return target.kind === 'report' ? 'report' : `${target.kind}:${target.id}`;
}

export function targetOfChoice(value: string): Target | undefined {
  if (value === 'report') return WHOLE_REPORT;
  const [kind, id] = value.split(':');
  return kind === 'update' || kind === 'photo' ? targetOfPath(`${kind}s`, id) : undefined;
}

/** Where a target lives under a report's moderation address. */
export function targetPath(ref: string, target: Target): string {
  const base = `/staff/moderation/reports/${ref}`;
  return target.kind === 'report' ? base : `${base}/${target.kind}s/${target.id}`;
}

/** The audit log's name for what was hidden. */
export function auditObject(ref: string, target: Target): { objectType: AuditObjectType; objectId: string } {
  if (target.kind === 'report') return { objectType: 'report', objectId: ref };
  return {
    objectType: target.kind === 'update' ? 'report_update' : 'report_photo',
    objectId: String(target.id),
  };
}
