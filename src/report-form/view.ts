import type { Language } from '../i18n/index.js';
import type { Message } from '../photos/messages.js';
import type { PendingPhoto } from '../photos/types.js';
import { errorSummary } from '../web/error-summary.js';
import type { ReferenceService } from '../reference/service.js';
import type { Category } from '../reference/types.js';
import { LIMITS, TEXT_FIELDS, type ReportFormValues, type TextField } from './schema.js';

/** Where a message belongs: a field, or the form as a whole (rate limits). */
export type ErrorField = TextField | 'photos' | 'form';
const ORDER: readonly ErrorField[] = ['form', ...TEXT_FIELDS, 'photos'];

/** The errors of one submission, grouped by field and listed in the order the form shows them. */
export class FormErrors {
  private readonly byField = new Map<ErrorField, Message[]>();

  add(field: ErrorField, message: Message): void {
    const list = this.byField.get(field) ?? [];
    // One message per field is enough for text; photos may each have their own problem.
    if (field !== 'photos' && list.length > 0) return;
    if (list.some((known) => known.key === message.key && known.vars?.file === message.vars?.file)) return;
    this.byField.set(field, [...list, message]);
  }

  addIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): void {
    for (const issue of issues) {
      const field = String(issue.path[0] ?? 'form');
      this.add((TEXT_FIELDS as readonly string[]).includes(field) ? (field as TextField) : 'form', {
        key: issue.message,
      });
    }
  }

  get any(): boolean {
    return this.byField.size > 0;
  }

  /** For the views: each field's messages, and the summary with a link to each field. */
  toView() {
    const fields: Partial<Record<ErrorField, Message[]>> = Object.fromEntries(this.byField);
    return { fields, summary: errorSummary(fields, ORDER) };
  }
}

export const emptyValues = (): ReportFormValues => ({
  ...(Object.fromEntries(TEXT_FIELDS.map((field) => [field, ''])) as Record<TextField, string>),
  showName: false,
});

/**
 * What the form page needs besides the values: categories split into public problems and private
 * help, parishes grouped by apvienība, each named in the page's language, and the parish centres
 * for the map script.
 */
export async function formChoices(reference: ReferenceService, language: Language) {
  const [apvienibas, categories] = await Promise.all([
    reference.apvienibas(language),
    reference.categories(language),
  ]);
  const option = (item: { code: string; names: Record<Language, string> }) => ({
    code: item.code,
    name: item.names[language],
  });
  const active = categories.filter((category) => category.active);
  const categoryOption = (category: Category) => ({
    ...option(category),
    private: category.visibility === 'private',
  });
  return {
    problemCategories: active.filter((category) => category.kind === 'problem').map(categoryOption),
    helpCategories: active.filter((category) => category.kind === 'help').map(categoryOption),
    privateCategories: active
      .filter((category) => category.visibility === 'private')
      .map((category) => category.code),
    apvienibas: apvienibas.map((apvieniba) => ({
      ...option(apvieniba),
      parishes: apvieniba.parishes.map(option),
    })),
    parishCentres: JSON.stringify(
      apvienibas
        .flatMap((apvieniba) => apvieniba.parishes)
        .filter((parish) => parish.lat !== null && parish.lon !== null)
        .map((parish) => ({ code: parish.code, lat: parish.lat, lon: parish.lon })),
    ),
    limits: LIMITS,
  };
}

/** Thumbnails of the photos a form already carries (served by the pending-upload route). */
export const photoViews = (photos: readonly PendingPhoto[]) =>
  photos.map((photo) => ({ id: photo.id, thumbUrl: `/uploads/pending/${photo.id}/thumb` }));
