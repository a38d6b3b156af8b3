import type { Knex } from 'knex';
import type { DemoReport } from './demo-plan.js';
import { inParallel, storeCopy, type PhotoLibrary } from './demo-photos.js';
import type { Random } from './demo-random.js';
import type { ProcessedPhoto } from '../src/uploads/photo-processor.js';
import type { PhotoStorage } from '../src/uploads/storage.js';

const DAY = 24 * 60 * 60 * 1000;
const FIXED_QUESTION_AFTER = 28 * DAY;
const OPEN = new Set(['open', 'acknowledged', 'in_progress']);
// PostgreSQL takes at most 65,535 parameters in one statement.
const MAX_PARAMETERS = 60_000;

export interface Contact {
  id: number;
  role: string;
  name: string;
  email: string;
}

async function insertChunked(
  trx: Knex.Transaction,
  table: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.min(1000, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
  for (let start = 0; start < rows.length; start += size)
    await trx(table).insert(rows.slice(start, start + size));
}

function reportRow(plan: DemoReport) {
  const { history, written, reporter } = plan;
  const last = history.events[history.events.length - 1]!;
  return {
    id: plan.id,
    ref: plan.ref,
    category_code: plan.categoryCode,
    parish_code: plan.parishCode,
    is_private: plan.isPrivate,
    title: written.title,
    description: written.description,
    location: written.location,
    lat: plan.lat,
    lon: plan.lon,
    reporter_name: reporter.name,
    reporter_email: reporter.email,
    // No phone numbers: any number made up could be somebody's real one.
    reporter_phone: null,
    show_name: reporter.showName,
    language: written.language,
    status: history.status,
    close_reason: history.closeReason,
    duplicate_of: history.duplicateOf,
    hidden: false,
    confirm_expires_at: new Date(plan.createdAt.getTime() + 7 * DAY),
    confirmed_at: history.confirmedAt,
    routed_at: history.confirmedAt,
    withdrawn_at: history.withdrawnAt,
    created_at: plan.createdAt,
    updated_at: last.at,
  };
}

/**
 * "Is it fixed?" goes to the reporter of a report still open four weeks after routing. The demo
 * records it as asked and not yet answered, as it would have been by now; without it the
 * scheduler's first run would email the reporter of every old open demo report at once.
 */
function fixedQuestionRow(plan: DemoReport, now: Date) {
  const { confirmedAt, status, withdrawnAt } = plan.history;
  if (!confirmedAt || !OPEN.has(status) || withdrawnAt) return undefined;
  const askedAt = new Date(confirmedAt.getTime() + FIXED_QUESTION_AFTER);
  return askedAt <= now
    ? { report_id: plan.id, asked_at: askedAt, answer: null, answered_at: null }
    : undefined;
}

/** The recipient who answers: the parish administration, or the social worker for a private report. */
function answerer(plan: DemoReport, contacts: Map<number, Contact>): Contact | undefined {
  const recipients = plan.recipientIds.map((id) => contacts.get(id)).filter((c) => c !== undefined);
  const role = plan.isPrivate ? 'social_worker' : 'parish_admin';
  return recipients.find((contact) => contact.role === role) ?? recipients[0];
}

interface PhotoJob {
  reportId: number;
  updateId: number | null;
  position: number;
  photo: ProcessedPhoto;
  at: Date;
}

/** Writes one batch of planned reports with their recipients, timelines and photos. */
export async function insertPlans(
  trx: Knex.Transaction,
  batch: {
    plans: DemoReport[];
    updateIds: number[];
    contacts: Map<number, Contact>;
    library: PhotoLibrary | undefined;
    storage: PhotoStorage;
    random: Random;
    now: Date;
  },
): Promise<{ updates: number; photos: number }> {
  const { plans, contacts, library, random } = batch;
  const recipients: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const jobs: PhotoJob[] = [];
  let nextUpdate = 0;
  for (const plan of plans) {
    for (const id of plan.recipientIds) {
      const contact = contacts.get(id)!;
      recipients.push({
        report_id: plan.id,
        contact_id: id,
        role: contact.role,
        name: contact.name,
        email: contact.email,
      });
    }
    const staff = answerer(plan, contacts);
    for (const event of plan.history.events) {
      const id = batch.updateIds[nextUpdate++]!;
      const byReporter = event.by === 'reporter';
      // As the service does: the form and the confirmation carry the name; later rows only if shown.
      const signed = event.to === 'unconfirmed' || event.from === 'unconfirmed' || plan.reporter.showName;
      updates.push({
        id,
        report_id: plan.id,
        author_kind: byReporter ? 'reporter' : 'recipient',
        author_name: byReporter ? (signed ? plan.reporter.name : null) : (staff?.name ?? null),
        contact_id: byReporter ? null : (staff?.id ?? null),
        channel: event.channel,
        from_status: event.from,
        to_status: event.to,
        public_text: event.text,
        // Parish staff answer in Latvian; a reporter writes in their own language.
        language: event.text === null ? null : byReporter ? plan.written.language : 'lv',
        internal_note: null,
        is_public: event.isPublic,
        created_at: event.at,
      });
      const after =
        event.afterPhoto && library && plan.written.scene
          ? library.after(random, plan.written.scene)
          : undefined;
      if (after) jobs.push({ reportId: plan.id, updateId: id, position: 0, photo: after, at: event.at });
    }
    if (library) {
      plan.photos.forEach((scene, position) =>
        jobs.push({
          reportId: plan.id,
          updateId: null,
          position,
          photo: library.before(random, scene),
          at: plan.createdAt,
        }),
      );
    }
  }
  await insertChunked(trx, 'reports', plans.map(reportRow));
  await insertChunked(trx, 'report_recipients', recipients);
  await insertChunked(trx, 'report_updates', updates);
  await insertChunked(
    trx,
    'fixed_questions',
    plans.map((plan) => fixedQuestionRow(plan, batch.now)).filter((row) => row !== undefined),
  );
  const keys = await inParallel(jobs, 8, (job) => storeCopy(batch.storage, job.photo));
  await insertChunked(
    trx,
    'report_photos',
    jobs.map((job, index) => ({
      report_id: job.reportId,
      update_id: job.updateId,
      storage_key: keys[index],
      width: job.photo.width,
      height: job.photo.height,
      thumb_width: job.photo.thumbnailWidth,
      thumb_height: job.photo.thumbnailHeight,
      position: job.position,
      created_at: job.at,
    })),
  );
  return { updates: updates.length, photos: jobs.length };
}
