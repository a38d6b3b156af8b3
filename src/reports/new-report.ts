import type { Language } from '../i18n/index.js';
import type { NewReport } from './repository.js';

/** What a resident (or a client on their behalf) sends to make a report. */
export interface NewReportInput {
  categoryCode: string;
  parishCode: string;
  title: string;
  description: string;
  location: string;
  lat: number | null;
  lon: number | null;
  name: string;
  email: string;
  phone: string | null;
  showName: boolean;
  language: Language;
}

/**
 * The row a report's input becomes. A private request has no public page to show a name on; a
 * report taken confirmed (by staff, a trusted partner) has no confirmation to expire.
 */
export function reportRow(
  input: Omit<NewReportInput, 'email'> & { email: string | null },
  options: { isPrivate: boolean; confirmExpiresAt: Date | null },
): NewReport {
  return {
    categoryCode: input.categoryCode,
    parishCode: input.parishCode,
    isPrivate: options.isPrivate,
    title: input.title,
    description: input.description,
    location: input.location,
    lat: input.lat,
    lon: input.lon,
    reporterName: input.name,
    reporterEmail: input.email,
    reporterPhone: input.phone,
    showName: options.isPrivate ? false : input.showName,
    language: input.language,
    confirmExpiresAt: options.confirmExpiresAt,
  };
}
