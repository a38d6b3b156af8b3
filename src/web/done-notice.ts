/**
 * The notice a page shows after one of its forms did something (`?done=update`). Only the page's
 * own codes count: an unknown one — mistyped, stale or crafted — shows no notice, where it would
 * have shown a raw translation key such as `staff.report.done.xyz`.
 */
export function doneNotice<Code extends string>(asked: unknown, known: readonly Code[]): Code | null {
  return known.find((code) => code === asked) ?? null;
}
