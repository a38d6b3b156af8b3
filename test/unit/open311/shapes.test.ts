import assert from 'node:assert/strict';
import {
  fitDescription,
  requestOf,
  statusesFor,
  type PublicRequestRow,
} from '../../../src/open311/shapes.js';
import type { Category, Parish } from '../../../src/reference/types.js';

const row: PublicRequestRow = {
  ref: 'RZN-2026-00042',
  categoryCode: 'roads',
  parishCode: 'kaunatas',
  status: 'in_progress',
  closeReason: null,
  description: 'Bedre.',
  location: '',
  lat: null,
  lon: null,
  createdAt: new Date('2026-11-30T15:00:00Z'),
  updatedAt: new Date('2026-12-01T08:00:00Z'),
  photoKey: null,
  writer: { name: 'Anna Kalniņa', email: 'anna@example.lv', phone: null },
};

const context = {
  language: 'en' as const,
  publicUrl: 'https://tilts.example',
  categories: new Map([['roads', { names: { lv: 'Ceļi', en: 'Roads', ru: 'Дороги' } } as Category]]),
  parishes: new Map([
    ['kaunatas', { names: { lv: 'Kaunatas pagasts', en: 'Kaunata parish', ru: 'K' } } as Parish],
  ]),
  statusNote: (status: string) => `status ${status}`,
  scrub: (text: string, writer: { name: string | null }) => text.replace(writer.name ?? '', '[…]'),
};

describe('Open311 shapes', () => {
  it('map our statuses to the two of GeoReport v2, never unconfirmed', () => {
    assert.deepEqual(statusesFor('open'), ['open', 'acknowledged', 'in_progress']);
    assert.deepEqual(statusesFor('closed'), ['resolved', 'closed']);
  });

  it('cut a description to the schema’s 4000 code points, saying so', () => {
    assert.equal(fitDescription('īss'), 'īss');
    assert.equal(fitDescription('ā'.repeat(4000)), 'ā'.repeat(4000));
    const emoji = fitDescription('🙂'.repeat(4001));
    assert.equal(Array.from(emoji).length, 4000);
    assert.ok(emoji.endsWith('🙂…'));
  });

  it('turn a public report into a request: names in the language, nulls for what we do not know', () => {
    assert.deepEqual(requestOf(row, context), {
      service_request_id: 'RZN-2026-00042',
      status: 'open',
      status_notes: 'status in_progress',
      service_name: 'Roads',
      service_code: 'roads',
      description: 'Bedre.',
      agency_responsible: 'Kaunata parish',
      service_notice: null,
      requested_datetime: '2026-11-30T17:00:00+02:00',
      updated_datetime: '2026-12-01T10:00:00+02:00',
      expected_datetime: null,
      address: null,
      address_id: null,
      zipcode: null,
      lat: null,
      long: null,
      media_url: null,
    });
    const masked = requestOf(
      { ...row, description: 'Zvaniet Anna Kalniņa.', location: 'Anna Kalniņa' },
      context,
    );
    assert.equal(masked.description, 'Zvaniet […].');
    assert.equal(masked.address, '[…]');
    const photographed = requestOf({ ...row, photoKey: 'ab/cd.jpg', lat: 56.3, lon: 27.5 }, context);
    assert.equal(photographed.media_url, 'https://tilts.example/photos/ab%2Fcd.jpg');
    assert.deepEqual([photographed.lat, photographed.long], [56.3, 27.5]);
  });
});
