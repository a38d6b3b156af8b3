import type { Language } from '../i18n/index.js';
import type { ParishType } from '../reference/types.js';

export const STAFF_ROLES = ['admin', 'moderator', 'social_worker', 'parish_clerk'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  language: Language;
  active: boolean;
  enrolled: boolean;
  lockedUntil: Date | null;
}

/** A routing contact that is this staff member's own, and the parish it is for (null: all). */
export interface StaffContact {
  id: number;
  role: string;
  parishCode: string | null;
  /** Whether that place is a parish or a town (officeRole names a town's office so). */
  parishType: ParishType | null;
  name: string;
  email: string;
}

/**
 * Who is signed in, with what they may see: admins and moderators everything of their kind;
 * social workers and clerks the parishes of their contacts.
 */
export interface StaffUser extends StaffMember {
  contacts: StaffContact[];
  /** Parish codes the scope covers; 'all' for admins and moderators. */
  parishes: readonly string[] | 'all';
  sessionId: number;
  csrfToken: string;
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}
