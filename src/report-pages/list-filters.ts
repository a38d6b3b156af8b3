import { DEFAULT_LANGUAGE, type Language } from '../i18n/index.js';
import type { ReferenceService } from '../reference/service.js';
import type { Apvieniba, Category } from '../reference/types.js';
import { BadRequestError } from '../web/errors.js';
import { contradictoryPlace, parseListQuery, type FilterName } from './list-query.js';

type Named = { code: string; names: Record<string, string> };

/**
 * What a list's query is read against, worked out from the reference data once for each load of
 * it (the service hands out the same frozen arrays until it reloads), not for every request.
 */
function knownPlaces(apvienibas: readonly Apvieniba[], allCategories: readonly Category[]) {
  const categories = allCategories.filter((category) => category.visibility === 'public');
  const parishes = apvienibas.flatMap((apvieniba) => apvieniba.parishes);
  const byCode = <T extends Named>(list: readonly T[]) => new Map(list.map((item) => [item.code, item]));
  return {
    categories,
    parishes,
    codes: {
      parishes: new Set(parishes.map((parish) => parish.code)),
      apvienibas: new Set(apvienibas.map((apvieniba) => apvieniba.code)),
      categories: new Set(categories.map((category) => category.code)),
    },
    apvienibaOf: new Map(parishes.map((parish) => [parish.code, parish.apvienibaCode])),
    byCode: { category: byCode(allCategories), parish: byCode(parishes), apvieniba: byCode(apvienibas) },
  };
}

let last:
  | {
      apvienibas: readonly Apvieniba[];
      allCategories: readonly Category[];
      known: ReturnType<typeof knownPlaces>;
    }
  | undefined;

function known(apvienibas: readonly Apvieniba[], allCategories: readonly Category[]) {
  if (last?.apvienibas !== apvienibas || last.allCategories !== allCategories)
    last = { apvienibas, allCategories, known: knownPlaces(apvienibas, allCategories) };
  return last.known;
}

/** A category's, parish's or apvienība's name in `language` by its code (the code if none). */
type NameOf = (code: string) => string;

/**
 * The public list's query read against the reference data: the choices its filters offer
 * (private categories never have a public report to find), the filters (unknown codes dropped
 * and named in `ignored`; a filter given twice with different values in `repeated`), a parish that lies outside the chosen apvienība, and the names of
 * places and categories in the reader's language. The list, the map and open data read a query
 * string the same way.
 */
export async function readListQuery(
  reference: Pick<ReferenceService, 'apvienibas' | 'categories'>,
  query: Record<string, unknown>,
  language: Language = DEFAULT_LANGUAGE,
) {
  const [apvienibas, allCategories] = await Promise.all([
    reference.apvienibas(language),
    reference.categories(language),
  ]);
  const { categories, parishes, codes, apvienibaOf, byCode } = known(apvienibas, allCategories);
  const { filters, ignored, repeated } = parseListQuery(query, codes);
  const contradiction = contradictoryPlace(filters, apvienibaOf);
  const nameIn =
    (list: ReadonlyMap<string, Named>): NameOf =>
    (code) =>
      list.get(code)?.names[language] ?? code;
  const names = {
    category: nameIn(byCode.category),
    parish: nameIn(byCode.parish),
    apvieniba: nameIn(byCode.apvieniba),
  };
  return {
    apvienibas,
    allCategories,
    categories,
    parishes,
    filters,
    ignored,
    repeated,
    contradiction,
    names,
  };
}

/**
 * A file or a data feed cannot say "this filter was ignored" as the list does: a typo in a
 * download link would quietly give every report, a filter given twice only the first's. Both are
 * a translated 400.
 */
export function refuseUnclearFilters(read: {
  ignored: readonly FilterName[];
  repeated: readonly FilterName[];
}) {
  // The message points to the open data page, where the codes and statuses are: it is linked.
  const link = { href: '/open-data', key: 'openData.codesLink' };
  if (read.ignored.length > 0) throw new BadRequestError('unknown_filter', 'openData.unknownFilter', link);
  if (read.repeated.length > 0) throw new BadRequestError('repeated_filter', 'openData.repeatedFilter', link);
}
