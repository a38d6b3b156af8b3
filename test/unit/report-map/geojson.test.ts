import assert from 'node:assert/strict';
import { pinCollection } from '../../../src/report-map/geojson.js';

describe('the map’s GeoJSON', () => {
  const pin = {
    ref: 'RZN-2026-00042',
    title: 'Bedre <b>ceļā</b>',
    status: 'open' as const,
    categoryCode: 'roads',
    parishCode: 'kaunatas',
    lat: 56.4512,
    lon: 27.3321,
    createdAt: new Date('2026-11-02T08:00:00Z'),
    // Only to mask it: the feature below has no field that names the reporter.
    writerName: 'Anna Bērziņa',
    language: 'lv',
  };
  const words = {
    status: (status: string) => `status:${status}`,
    category: (code: string) => `category:${code}`,
    parish: (code: string) => `parish:${code}`,
    title: (text: string) => text,
  };

  it('puts longitude before latitude (RFC 7946) and says only what the report’s page says', () => {
    const collection = pinCollection([pin], words, {
      language: 'ru',
      truncated: false,
      siteRoot: 'https://tilts.example.lv',
    });
    assert.equal(collection.type, 'FeatureCollection');
    assert.equal(collection.truncated, false);
    assert.deepEqual(collection.features[0], {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [27.3321, 56.4512] },
      properties: {
        ref: 'RZN-2026-00042',
        title: 'Bedre <b>ceļā</b>',
        status: 'open',
        statusText: 'status:open',
        category: 'category:roads',
        parish: 'parish:kaunatas',
        created: '2026-11-02T08:00:00.000Z',
        url: 'https://tilts.example.lv/reports/RZN-2026-00042?lang=ru',
      },
    });
  });

  it('says when more reports matched than one map draws', () => {
    assert.equal(pinCollection([], words, { language: 'lv', truncated: true, siteRoot: '' }).truncated, true);
  });
});
