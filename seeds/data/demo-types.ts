/** The kinds of procedurally drawn demo photos (see seeds/demo-photos.ts). */
export const SCENES = [
  'road',
  'gravel',
  'lamp',
  'bins',
  'dump',
  'water',
  'snow',
  'playground',
  'building',
  'tree',
  'dog',
  'busstop',
  'field',
] as const;
export type Scene = (typeof SCENES)[number];

/**
 * One kind of problem a resident writes about, in one language. A description is one opener, one
 * or two details and a closer, all from the same scenario, so the pieces always fit together.
 * Placeholders: {road} {km} {centre} {gen} {loc} {street} {no} {lake} — see seeds/demo-text.ts.
 */
export interface Scenario {
  /** What the photos of this problem show; none for problems nobody photographs. */
  scene?: Scene;
  titles: readonly string[];
  openers: readonly string[];
  details: readonly string[];
  locations: readonly string[];
  closers?: readonly string[];
  /** The parish's words when it is fixed (Latvian: parish staff answer in Latvian). */
  fixed?: readonly string[];
  /** Months (1–12) in which residents write about it; every month when absent. */
  months?: readonly number[];
}

export interface CategoryBook {
  scenarios: readonly Scenario[];
  closers: readonly string[];
}

/** Texts per category code; a language may leave a category out (residents then write Latvian). */
export type TextBook = Readonly<Record<string, CategoryBook>>;

export type Language = 'lv' | 'ru' | 'en';
