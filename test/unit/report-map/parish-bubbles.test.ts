import assert from 'node:assert/strict';
import { parishBubbles } from '../../../src/report-map/parish-bubbles.js';
import { parishAt as parish } from '../../support/reference.js';

describe('the map’s parishes before their pins', () => {
  const parishes = new Map([
    ['audrinu', parish('audrinu', 56.59, 27.25)],
    ['ozolaines', parish('ozolaines', 56.49, 27.37)],
    ['stolerovas', parish('stolerovas', null, null)],
  ]);
  const names: Record<string, string> = {
    audrinu: 'Audriņu pagasts',
    ozolaines: 'Ozolaines pagasts',
    stolerovas: 'Āžu pagasts',
  };

  it('counts every parish with reports, by name in the reader’s language, each at its centre or its reports’ mean place', () => {
    const bubbles = parishBubbles(
      [
        { parishCode: 'ozolaines', reports: 1153, lat: 56.5, lon: 27.4 },
        { parishCode: 'stolerovas', reports: 3, lat: 56.3012, lon: 27.0234 },
        { parishCode: 'audrinu', reports: 1428, lat: 56.6, lon: 27.3 },
        { parishCode: 'nekur', reports: 0, lat: 0, lon: 0 },
      ],
      {
        language: 'lv',
        parish: (code) => parishes.get(code),
        name: (code) => names[code] ?? code,
        label: (name, reports) => `${name}: ${reports}`,
      },
    );
    assert.equal(bubbles.language, 'lv');
    assert.equal(bubbles.total, 1428 + 1153 + 3);
    // Latvian order: Ā after A and before O (a byte order would put it last).
    assert.deepEqual(
      bubbles.parishes.map((bubble) => [bubble.code, bubble.reports, bubble.label]),
      [
        ['audrinu', 1428, 'Audriņu pagasts: 1428'],
        ['stolerovas', 3, 'Āžu pagasts: 3'],
        ['ozolaines', 1153, 'Ozolaines pagasts: 1153'],
      ],
    );
    // At its centre from the reference data, not at its reports' mean place…
    assert.deepEqual([bubbles.parishes[0]!.lat, bubbles.parishes[0]!.lon], [56.59, 27.25]);
    // …unless it has no known centre.
    assert.deepEqual([bubbles.parishes[1]!.lat, bubbles.parishes[1]!.lon], [56.3012, 27.0234]);
  });
});
