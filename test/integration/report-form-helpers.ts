import type { Express } from 'express';
import type { Knex } from 'knex';
import sharp from 'sharp';
import request from 'supertest';

/** A report a resident could send as it is: every field filled, valid and short. */
export function validFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    category: 'roads',
    parish: 'kaunatas',
    title: 'Bedre pie pieturas',
    description: 'Liela bedre ceļa vidū.\nGrūti izbraukt.',
    location: 'Kaunata, Skolas iela 1',
    lat: '',
    lon: '',
    name: 'Anna Kalniņa',
    email: 'anna@example.lv',
    phone: '',
    ...overrides,
  };
}

export interface Upload {
  buffer: Buffer;
  filename: string;
  field?: string;
}

/**
 * Posts the form as a browser does: multipart, text fields first in page order, then the files,
 * with `extra` fields (hidden ids, checkboxes) before the files as the page places them.
 */
export function postForm(
  app: Express,
  fields: Record<string, string>,
  options: { files?: Upload[]; extra?: [string, string][]; lang?: string } = {},
) {
  const req = request(app).post(`/reports${options.lang ? `?lang=${options.lang}` : ''}`);
  for (const [name, value] of Object.entries(fields)) void req.field(name, value);
  for (const [name, value] of options.extra ?? []) void req.field(name, value);
  for (const file of options.files ?? []) {
    void req.attach(file.field ?? 'photos', file.buffer, {
      filename: file.filename,
      contentType: 'image/jpeg',
    });
  }
  return req;
}

export async function count(knex: Knex, table: string, where: Record<string, unknown> = {}): Promise<number> {
  const [row] = (await knex(table).where(where).count({ n: '*' })) as { n: number | string }[];
  return Number(row?.n ?? 0);
}

/** The confirmation link in the latest email of a kind, as the resident would click it. */
export async function linkFrom(knex: Knex, kind: string, path: 'reports' | 'subscriptions'): Promise<string> {
  const row = (await knex('outbox').where({ kind }).orderBy('id', 'desc').first()) as
    { text_body: string } | undefined;
  if (!row) throw new Error(`no ${kind} email in the outbox`);
  const match = new RegExp(`http://tilts\\.test(/${path}/confirm/[A-Za-z0-9._~-]+)`).exec(row.text_body);
  if (!match) throw new Error(`no confirmation link in the ${kind} email`);
  return match[1]!;
}

export function jpeg(width = 160, height = 120): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#5a8f6a' } })
    .jpeg()
    .toBuffer();
}

/** A phone photo with its GPS position in the EXIF, as the issue's walk-through uses. */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: '#8a6a4a' } })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'Tilts 1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '56/1 18/1 28/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '27/1 35/1 28/1',
      },
    })
    .jpeg()
    .toBuffer();
}

/** The pending upload ids the re-rendered form carries in its hidden inputs. */
export function pendingIds(html: string): string[] {
  return [...html.matchAll(/name="pending_photos" value="([^"]+)"/g)].map((match) => match[1]!);
}

export function errorOf(html: string, field: string): string | undefined {
  const match = new RegExp(`data-qa="error-${field}">([\\s\\S]*?)</p>`).exec(html);
  return match?.[1]
    ?.replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
