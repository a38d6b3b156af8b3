import assert from 'node:assert/strict';
import { distanceKm, nearestParish } from '../../../src/reference/nearest-parish.js';
import { parishAt as parish } from '../../support/reference.js';

const PARISHES = [
  parish('kaunatas', 56.30778, 27.59111),
  parish('maltas', 56.315, 27.18889),
  parish('bez-centra', null, null),
];

describe('the parish of a position', () => {
  it('measures great-circle distances', () => {
    // Rēzekne to Rīga is about 220 km as the crow flies.
    const km = distanceKm({ lat: 56.5099, lon: 27.334 }, { lat: 56.9496, lon: 24.1052 });
    assert.ok(km > 200 && km < 210, String(km));
    assert.equal(distanceKm({ lat: 56, lon: 27 }, { lat: 56, lon: 27 }), 0);
  });

  it('is the parish with the nearest centre, skipping parishes without one', () => {
    assert.equal(nearestParish({ lat: 56.31, lon: 27.55 }, PARISHES)?.code, 'kaunatas');
    assert.equal(nearestParish({ lat: 56.31, lon: 27.25 }, PARISHES)?.code, 'maltas');
  });

  it('is none more than 25 km from every centre', () => {
    assert.equal(nearestParish({ lat: 56.9496, lon: 24.1052 }, PARISHES), undefined);
    assert.equal(nearestParish({ lat: 56.31, lon: 27.55 }, [parish('bez-centra', null, null)]), undefined);
  });
});
