import type { Language } from '../../i18n/index.js';
import { maskLinks } from '../../mail/inbound/mask.js';
import type { ReferenceService } from '../../reference/service.js';
import type { PublicWords } from '../../reports/public-words.js';
import { HELP_KINDS, type HelpKind } from '../types.js';
import type { HelpOfferRepository } from './repository.js';

/** Below this, a count is shown as "fewer than 3": one or two offers could point to a person. */
export const FEW = 3;

export type ShownCount = { kind: 'none' } | { kind: 'few' } | { kind: 'count'; count: number };

export function shownCount(count: number): ShownCount {
  if (count <= 0) return { kind: 'none' };
  return count < FEW ? { kind: 'few' } : { kind: 'count', count };
}

/** What /help says: counts of active offers, never a person; organisations that asked to be named. */
export interface HelpSummary {
  total: ShownCount;
  apvienibas: { code: string; name: string; kinds: { kind: HelpKind; shown: ShownCount }[] }[];
  organisations: { name: string; kinds: HelpKind[]; places: string[] }[];
}

/** The public picture of help in the novads, in one language. */
export class HelpSummaryService {
  constructor(
    private readonly deps: {
      offers: Pick<HelpOfferRepository, 'activeCounts' | 'activeTotal' | 'listedOrganisations'>;
      reference: Pick<ReferenceService, 'apvienibas'>;
      publicWords: Pick<PublicWords, 'of'>;
    },
  ) {}

  async summary(language: Language): Promise<HelpSummary> {
    const { offers, reference, publicWords } = this.deps;
    const [counts, total, organisations, apvienibas] = await Promise.all([
      offers.activeCounts(),
      offers.activeTotal(),
      offers.listedOrganisations(),
      reference.apvienibas(language),
    ]);
    const parishNames = new Map(
      apvienibas
        .flatMap((apvieniba) => apvieniba.parishes)
        .map((parish) => [parish.code, parish.names[language]]),
    );
    return {
      total: shownCount(total),
      apvienibas: apvienibas.map((apvieniba) => ({
        code: apvieniba.code,
        name: apvieniba.names[language],
        kinds: HELP_KINDS.flatMap((kind) => {
          const count =
            counts.find((row) => row.apvienibaCode === apvieniba.code && row.kind === kind)?.count ?? 0;
          return count > 0 ? [{ kind, shown: shownCount(count) }] : [];
        }),
      })),
      organisations: organisations.map((offer) => ({
        // The name as a volunteer typed it, masked as a resident's words are: the form says it is
        // shown without contact details, and a name can hold a phone number or an address. Any
        // link too (the form refuses one; a name stored before is masked here).
        name: maskLinks(publicWords.of(offer.name, { name: null, email: offer.email, phone: offer.phone })),
        kinds: offer.kinds,
        places: offer.parishes.map((code) => parishNames.get(code) ?? code),
      })),
    };
  }
}
