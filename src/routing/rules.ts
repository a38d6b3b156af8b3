/** One row of the routing table: a recipient for a scope; null parts of the scope match anything. */
export interface RoutingRule {
  parishCode: string | null;
  apvienibaCode: string | null;
  categoryCode: string | null;
  contactId: number;
}

export interface RoutingTarget {
  parishCode: string;
  apvienibaCode: string;
  categoryCode: string;
}

/** Higher is more specific: parish + category, parish, apvienība + category, apvienība, category, novads. */
function specificity(rule: RoutingRule): number {
  const category = rule.categoryCode !== null;
  if (rule.parishCode !== null) return category ? 5 : 4;
  if (rule.apvienibaCode !== null) return category ? 3 : 2;
  return category ? 1 : 0;
}

function matches(rule: RoutingRule, target: RoutingTarget): boolean {
  return (
    (rule.parishCode === null || rule.parishCode === target.parishCode) &&
    (rule.apvienibaCode === null || rule.apvienibaCode === target.apvienibaCode) &&
    (rule.categoryCode === null || rule.categoryCode === target.categoryCode)
  );
}

/**
 * The recipients of a report: every contact named by the most specific matching scope. Returns
 * an empty list only when the table has no novads-wide default, which the seed always adds.
 */
export function chooseRecipients(rules: readonly RoutingRule[], target: RoutingTarget): number[] {
  const matching = rules.filter((rule) => matches(rule, target));
  if (matching.length === 0) return [];
  const best = Math.max(...matching.map(specificity));
  return [...new Set(matching.filter((rule) => specificity(rule) === best).map((rule) => rule.contactId))];
}

/**
 * Who may receive a private report (a request for help): the parish's social worker and the
 * municipality's administrators, never the parish administration, whatever a rule says.
 */
export const mayReadPrivate = (role: string | undefined): boolean =>
  role === 'social_worker' || role === 'municipality';

/**
 * The recipients of a private report among those `chooseRecipients` chose: the ones who may read
 * it, or, when the deciding rules name none, those of the novads-wide default, so it is never unrouted.
 */
export function privateRecipients(
  rules: readonly RoutingRule[],
  chosen: readonly number[],
  roleOf: (contactId: number) => string | undefined,
): number[] {
  const readers = chosen.filter((id) => mayReadPrivate(roleOf(id)));
  if (readers.length > 0) return readers;
  const novads = rules.filter((rule) => !rule.parishCode && !rule.apvienibaCode && !rule.categoryCode);
  return chooseRecipients(novads, { parishCode: '', apvienibaCode: '', categoryCode: '' }).filter((id) =>
    mayReadPrivate(roleOf(id)),
  );
}

/** The scopes of the routing table, most specific first. */
export const SCOPES = [
  'parish-category',
  'parish',
  'apvieniba-category',
  'apvieniba',
  'category',
  'novads',
] as const;
export type Scope = (typeof SCOPES)[number];

/** The scope a rule belongs to (by the same order `chooseRecipients` uses). */
export function scopeOf(rule: RoutingRule): Scope {
  return SCOPES[SCOPES.length - 1 - specificity(rule)]!;
}

/** What `chooseRecipients` decided and why: the rules of the winning scope, and what they outranked. */
export interface RoutingExplanation<R extends RoutingRule> {
  /** Exactly what `chooseRecipients` answers for the same rules and target. */
  contactIds: number[];
  /** The scope of the deciding rules; null when no rule matches. */
  scope: Scope | null;
  deciding: R[];
  /** Rules that match too, but belong to a less specific scope. */
  outranked: R[];
}

/** Explains a routing decision for the admin's preview; `chooseRecipients` stays the one rule. */
export function explainRecipients<R extends RoutingRule>(
  rules: readonly R[],
  target: RoutingTarget,
): RoutingExplanation<R> {
  const matching = rules.filter((rule) => matches(rule, target));
  const contactIds = chooseRecipients(rules, target);
  if (matching.length === 0) return { contactIds, scope: null, deciding: [], outranked: [] };
  const best = Math.max(...matching.map(specificity));
  return {
    contactIds,
    scope: scopeOf(matching.find((rule) => specificity(rule) === best)!),
    deciding: matching.filter((rule) => specificity(rule) === best),
    outranked: matching.filter((rule) => specificity(rule) !== best),
  };
}
