import type { Services } from '../../src/services.js';
import type { Report } from '../../src/reports/types.js';
import { makeReport } from './reports.js';

/** An instant written as a wall clock in Riga (UTC+2 until 29 March 2026, then UTC+3). */
export const riga = (wall: string): Date => {
  const summer = wall >= '2026-03-29T03' && wall < '2026-10-25T04';
  return new Date(`${wall}${summer ? '+03:00' : '+02:00'}`);
};

export interface Seeded {
  parish: string;
  category?: string;
  /** When it was sent to the parish (Riga wall clock). */
  routed: string;
  /** The first public answer by the parish administration. */
  response?: string;
  /** A status change by the parish administration (a public answer with it counts as a response). */
  change?: { to: 'acknowledged' | 'in_progress'; at: string };
  finished?: { status: 'resolved' | 'closed'; at: string };
  fixed?: 'yes' | 'no';
  private?: boolean;
  hidden?: boolean;
  withdrawn?: boolean;
  title?: string;
  phone?: string;
}

/**
 * A report made through the real form service and confirmed, then given the known history a test
 * counts by hand: its rows are written as the timeline would have written them on those dates.
 */
export async function seedReport(services: Services, spec: Seeded): Promise<Report> {
  const { knex } = services;
  const { report } = await makeReport(services, {
    parish: spec.parish,
    category: spec.category ?? (spec.private ? 'elderly-help' : 'roads'),
    ...(spec.title ? { title: spec.title } : {}),
    ...(spec.phone ? { phone: spec.phone } : {}),
  });
  const routed = riga(spec.routed);
  const recipient = (await knex('contacts')
    .where({ role: 'parish_admin', parish_code: spec.parish })
    .first('id', 'name')) as { id: number; name: string };
  const update = (at: string, fields: Record<string, unknown>) =>
    knex('report_updates').insert({
      report_id: report.id,
      author_kind: 'recipient',
      author_name: recipient.name,
      contact_id: recipient.id,
      channel: 'email',
      is_public: true,
      created_at: riga(at),
      ...fields,
    });
  // The confirmation's own row moves to the day it was sent, like the rest of its history.
  await knex('report_updates').where({ report_id: report.id }).update({ created_at: routed });
  if (spec.response) await update(spec.response, { public_text: 'Paldies, apskatīsim.' });
  if (spec.change) await update(spec.change.at, { from_status: 'open', to_status: spec.change.to });
  if (spec.finished) await update(spec.finished.at, { from_status: 'open', to_status: spec.finished.status });
  if (spec.fixed) {
    await knex('fixed_questions').insert({
      report_id: report.id,
      asked_at: new Date(routed.getTime() + 28 * 24 * 60 * 60 * 1000),
      answer: spec.fixed,
      answered_at: new Date(routed.getTime() + 29 * 24 * 60 * 60 * 1000),
    });
  }
  const status = spec.withdrawn ? 'closed' : (spec.finished?.status ?? spec.change?.to ?? 'open');
  await knex('reports')
    .where({ id: report.id })
    .update({
      status,
      close_reason: spec.withdrawn ? 'withdrawn' : status === 'closed' ? 'no_action' : null,
      is_private: spec.private ?? false,
      hidden: spec.hidden ?? false,
      hidden_at: spec.hidden ? riga(spec.routed) : null,
      withdrawn_at: spec.withdrawn ? routed : null,
      created_at: routed,
      confirmed_at: routed,
      routed_at: routed,
      updated_at: spec.finished ? riga(spec.finished.at) : routed,
    });
  return (await services.reportRepository.byId(report.id))!;
}

/** The figures table's rows as a reader sees them: the place's name and each figure's text. */
export function tableRows(html: string): Map<string, Record<string, string>> {
  const rows = new Map<string, Record<string, string>>();
  const rowPattern =
    /<tr class="stats-row[^"]*" data-qa="figures-row" data-level="(\w+)" data-code="([\w-]+)">([\s\S]*?)<\/tr>/g;
  for (const [, level, code, body] of html.matchAll(rowPattern)) {
    const cells: Record<string, string> = {};
    for (const [, figure, text] of body!.matchAll(/data-figure="(\w+)"[^>]*>([^<]*)<\/td>/g))
      cells[figure!] = text!.trim();
    rows.set(`${level}:${code}`, cells);
  }
  return rows;
}

/** A CSV document (as csvDocument writes it) as rows of plain cells. */
export function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1]!.replace(/""/g, '"')));
}
