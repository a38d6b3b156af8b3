import type { ReferenceService } from '../reference/service.js';
import { contradictoryPlace, parseListQuery } from './list-query.js';

/**
 * The public list's query read against the reference data: the choices its filters offer
 * (private categories never have a public report to find), the filters (unknown codes dropped
 * and named in `ignored`), and a parish that lies outside the chosen apvienība. The list, the map
 * and open data read a query string the same way.
 */
export async function readListQuery(
  reference: Pick<ReferenceService, 'apvienibas' | 'categories'>,
  query: Record<string, unknown>,
) {
  const [apvienibas, allCategories] = await Promise.all([reference.apvienibas(), reference.categories()]);
  const categories = allCategories.filter((category) => category.visibility === 'public');
  const parishes = apvienibas.flatMap((apvieniba) => apvieniba.parishes);
  const { filters, ignored } = parseListQuery(query, {
    parishes: new Set(parishes.map((parish) => parish.code)),
    apvienibas: new Set(apvienibas.map((apvieniba) => apvieniba.code)),
    categories: new Set(categories.map((category) => category.code)),
  });
  const contradiction = contradictoryPlace(
    filters,
    new Map(parishes.map((parish) => [parish.code, parish.apvienibaCode])),
  );
  return { apvienibas, allCategories, categories, parishes, filters, ignored, contradiction };
}
