import sharp from 'sharp';
import { storedAddress } from '../../src/mail/address-key.js';
import type { PendingPhoto } from '../../src/photos/types.js';
import { CONFIRM_VALID_MS } from '../../src/reports/service.js';
import type { Report, Status } from '../../src/reports/types.js';
import { Signer } from '../../src/security/signing.js';
import type { Services } from '../../src/services.js';

/** A small real JPEG with noise, so the photo pipeline has pixels to re-encode. */
export function testJpeg(width = 120, height = 90): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#6a8',
      noise: { type: 'gaussian', mean: 120, sigma: 20 },
    },
  })
    .jpeg()
    .toBuffer();
}

/** Photos as a resident's upload would leave them: re-encoded, stored, pending. */
export async function pendingPhotos(services: Services, count: number): Promise<PendingPhoto[]> {
  const files = await Promise.all(
    Array.from({ length: count }, async (_, index) => ({
      originalname: `foto-${index + 1}.jpg`,
      buffer: await testJpeg(),
    })),
  );
  const { pending, problems } = await services.photos.accept(files, services.clock());
  if (problems.length > 0) throw new Error(`test photos refused: ${JSON.stringify(problems)}`);
  return pending;
}

export interface ReportOptions {
  parish?: string;
  category?: string;
  title?: string;
  description?: string;
  location?: string;
  lat?: number | null;
  lon?: number | null;
  name?: string;
  email?: string;
  phone?: string | null;
  showName?: boolean;
  confirmed?: boolean;
  photos?: number;
  /** The language of the form it was sent from (Latvian unless said). */
  language?: 'lv' | 'en' | 'ru';
}

export interface MadeReport {
  report: Report;
  /** The reporter's private-page token, as their email carries it. */
  token: string;
  photoKeys: string[];
}

let counter = 0;

/**
 * A report made through the real service, confirmed by its emailed token unless told otherwise,
 * with real photos when asked for.
 */
export async function makeReport(services: Services, options: ReportOptions = {}): Promise<MadeReport> {
  counter += 1;
  const photos = await pendingPhotos(services, options.photos ?? 0);
  const created = await services.reports.create(
    {
      categoryCode: options.category ?? 'roads',
      parishCode: options.parish ?? 'kaunatas',
      title: options.title ?? `Bedre ceļā nr. ${counter}`,
      description: options.description ?? 'Liela bedre pie autobusa pieturas.\nGrūti izbraukt.',
      location: options.location ?? 'Skolas iela 1',
      lat: options.lat ?? null,
      lon: options.lon ?? null,
      name: options.name ?? 'Jānis Bērziņš',
      email: options.email ?? `janis.${counter}@example.lv`,
      phone: options.phone ?? null,
      showName: options.showName ?? false,
      language: options.language ?? 'lv',
    },
    photos,
  );
  if (options.confirmed ?? true) {
    const signer = new Signer(services.config.secret);
    const token = signer.expiring(
      'confirm-report',
      String(created.id),
      new Date(services.clock().getTime() + CONFIRM_VALID_MS),
    );
    const result = await services.reports.confirm(token);
    if (result.outcome !== 'confirmed') throw new Error(`confirming failed: ${result.outcome}`);
  }
  const report = (await services.reportRepository.byId(created.id))!;
  return {
    report,
    token: services.links.reporterToken(report.ref),
    photoKeys: photos.map((photo) => photo.storageKey),
  };
}

/** A staff member's change, written the way the staff workspace will: the status and its update row. */
export async function moveReport(
  services: Services,
  report: Report,
  to: Status,
  update: {
    text?: string;
    role?: 'parish_admin' | 'social_worker' | 'municipality';
    authorName?: string;
  } = {},
): Promise<void> {
  const { knex } = services;
  const contact = update.role
    ? ((await knex('contacts')
        .where({ role: update.role })
        .where((where) => {
          void where.where({ parish_code: report.parishCode }).orWhereNull('parish_code');
        })
        .first('id', 'name')) as { id: number; name: string } | undefined)
    : undefined;
  const current = (await services.reportRepository.byId(report.id))!;
  await knex.transaction(async (trx) => {
    const now = new Date();
    await services.reportRepository.setStatus(trx, report.id, { status: to }, now);
    await services.timeline.addUpdate(
      trx,
      {
        reportId: report.id,
        authorKind: update.role ? 'recipient' : 'staff',
        authorName: update.authorName ?? contact?.name ?? null,
        contactId: contact?.id ?? null,
        channel: 'email',
        fromStatus: current.status,
        toStatus: to,
        publicText: update.text ?? null,
        isPublic: true,
      },
      now,
    );
  });
}

export async function hideReport(services: Services, report: Report): Promise<void> {
  await services.knex('reports').where({ id: report.id }).update({ hidden: true });
}

/** Someone follows a report and confirms it by the emailed link, as a neighbour would. */
export async function confirmedFollower(
  services: Services,
  report: { id: number; ref: string },
  follower: { email: string; name: string; language: 'lv' | 'en' | 'ru' },
): Promise<void> {
  await services.subscriptions.subscribe(report.ref, follower);
  const { id } = (await services
    .knex('subscriptions')
    .where({ report_id: report.id, email: storedAddress(follower.email) })
    .first('id')) as { id: number };
  const signed = new Signer(services.config.secret).expiring(
    'confirm-subscription',
    String(id),
    new Date(services.clock().getTime() + CONFIRM_VALID_MS),
  );
  const { outcome } = await services.subscriptions.confirmSubscription(signed);
  if (outcome !== 'confirmed') throw new Error(`the follower was not confirmed: ${outcome}`);
}

/**
 * Two reports in Kaunata: `near` with its place in the novads, and `stray` with a place in Riga, as
 * a slip of the finger stored one before the form refused places over 25 km from every parish
 * centre (written to its row, as the form no longer takes one).
 */
export async function nearAndStray(services: Services): Promise<{ near: Report; stray: Report }> {
  const near = (await makeReport(services, { title: 'Bedre Kaunatā', lat: 56.45, lon: 27.33 })).report;
  const stray = (await makeReport(services, { title: 'Bedre Rīgā', lat: 56.44, lon: 27.32 })).report;
  await services.knex('reports').where({ id: stray.id }).update({ lat: 56.9496, lon: 24.1052 });
  return { near, stray };
}
