import type { Language } from '../i18n/index.js';
import type { ReferenceService } from '../reference/service.js';
import type { ReportLinks } from '../reports/links.js';
import { writerNamed, type PublicWords, type Writer } from '../reports/public-words.js';
import { textLanguage } from '../reports/text-language.js';
import type { Report } from '../reports/types.js';
import type { DigestItem } from './digest-items.js';
import type { AlertEmails, AlertReportView } from './emails.js';
import type { AlertScope } from './repository.js';

/** What an alert's emails say of a report and of the alert's scope, in the subscriber's language. */
export class AlertWords {
  constructor(
    private readonly deps: {
      reference: Pick<ReferenceService, 'category' | 'parish' | 'apvienibas'>;
      links: ReportLinks;
      /** What strangers' inboxes may read of a resident's words: no contact, link or name. */
      publicWords: Pick<PublicWords, 'of'>;
    },
  ) {}

  /** A report as an alert's email shows it: its title as strangers may read it, names, link. */
  async reportView(
    report: Pick<Report, 'ref' | 'title' | 'categoryCode' | 'parishCode'> &
      Partial<Pick<Report, 'textLanguage'>>,
    writer: Writer | null,
    language: Language,
  ): Promise<AlertReportView> {
    const [category, parish] = await Promise.all([
      this.deps.reference.category(report.categoryCode),
      this.deps.reference.parish(report.parishCode),
    ]);
    return {
      ref: report.ref,
      title: this.deps.publicWords.of(report.title, writer),
      ...(report.textLanguage ? { language: report.textLanguage } : {}),
      categoryName: category?.names[language] ?? report.categoryCode,
      parishName: parish?.names[language] ?? report.parishCode,
      url: this.deps.links.report(report.ref),
    };
  }

  /** The scope in words, in a language: "Kaunatas pagasts, Ceļi"; null for everything. */
  async scopeName(scope: AlertScope, language: Language): Promise<string | null> {
    const { reference } = this.deps;
    const names: string[] = [];
    if (scope.parishCode) {
      const parish = await reference.parish(scope.parishCode);
      names.push(parish?.names[language] ?? scope.parishCode);
    } else if (scope.apvienibaCode) {
      const apvieniba = (await reference.apvienibas()).find((a) => a.code === scope.apvienibaCode);
      names.push(apvieniba?.names[language] ?? scope.apvienibaCode);
    }
    if (scope.categoryCode) {
      const category = await reference.category(scope.categoryCode);
      names.push(category?.names[language] ?? scope.categoryCode);
    }
    return names.length > 0 ? names.join(', ') : null;
  }

  /** A digest's items as its email lists them: reports new to the scope, moved into it, answered. */
  async digest(
    items: readonly DigestItem[],
    language: Language,
  ): Promise<Omit<AlertEmails['alert-digest'], 'scope' | 'unsubscribeUrl' | 'since'>> {
    const view = (item: DigestItem) => this.reportView(item, writerNamed(item.writerName), language);
    const of = (kind: DigestItem['kind']) => items.filter((item) => item.kind === kind);
    return {
      reports: await Promise.all(of('report').map(view)),
      moved: await Promise.all(
        of('moved').map(async (item) => ({
          ...(await view(item)),
          from: item.movedFrom
            ? await this.scopeName({ apvienibaCode: null, ...item.movedFrom }, language)
            : null,
        })),
      ),
      updates: await Promise.all(
        of('update').map(async (item) => ({
          ...(await view(item)),
          toStatus: item.toStatus,
          closeReason: item.closeReason,
          text: item.text === null ? null : this.deps.publicWords.of(item.text, writerNamed(item.writerName)),
          // A parish writes Latvian unless its words say otherwise: the timeline's own rule.
          textLanguage: item.text ? textLanguage(item.text, 'lv') : null,
        })),
      ),
    };
  }
}
