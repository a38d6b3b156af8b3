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
