import type { Language } from '../i18n/index.js';

export type Names = Record<Language, string>;

export interface Apvieniba {
  code: string;
  names: Names;
  parishes: Parish[];
}

/** A parish (pagasts), or the one town (pilsēta), Viļāni. */
export type ParishType = 'pagasts' | 'pilsēta';

export interface Parish {
  code: string;
  apvienibaCode: string;
  type: ParishType;
  names: Names;
  centre: string;
  lat: number | null;
  lon: number | null;
}

export type CategoryKind = 'problem' | 'help';
export type Visibility = 'public' | 'private';

export interface Category {
  code: string;
  kind: CategoryKind;
  visibility: Visibility;
  names: Names;
  active: boolean;
  /** Working days its reports should take to an answer (the staff queue flags older ones). */
  targetDays: number;
}
