import assert from 'node:assert/strict';
import { createI18nNow } from '../../../src/i18n/index.js';
import { describe as say } from '../../../src/open311/errors.js';
import { locationOf, readSubmission, titleOf } from '../../../src/open311/submission.js';

const i18n = createI18nNow();

const base = { service_code: 'roads', lat: '56.3', long: '27.5', description: 'Bedre.' };

describe('a POSTed Open311 request', () => {
  it('is read from form fields, with the parish as attribute[parish], the name from its two parts', () => {
    const read = readSubmission({
      ...base,
      'attribute[parish]': 'kaunatas',
      description: '  Bedre\r\nceļā\u0000 ',
      email: ' anna@example.lv ',
      first_name: ' Anna ',
      last_name: 'Kalniņa',
      phone: '+371 2000 0000',
    });
    assert.deepEqual(read, {
      ok: true,
      submission: {
        serviceCode: 'roads',
        parishCode: 'kaunatas',
        lat: 56.3,
        lon: 27.5,
        address: null,
        description: 'Bedre\nceļā',
        email: 'anna@example.lv',
        name: 'Anna Kalniņa',
        phone: '+371 2000 0000',
      },
    });
  });

  it('is read from JSON too: numbers, and the attribute as an object', () => {
    const read = readSubmission({ ...base, lat: 56.3, long: 27.5, attribute: { parish: 'maltas' } });
    assert.ok(read.ok);
    assert.equal(read.submission.lat, 56.3);
    assert.equal(read.submission.parishCode, 'maltas');
    assert.equal(read.submission.name, '');
    assert.equal(read.submission.email, null);
  });

  it('needs a location: a whole position, or an address', () => {
    const problem = (fields: Record<string, unknown>) => {
      const read = readSubmission(fields);
      return read.ok ? 'accepted' : say(i18n, read.problem, 'en');
    };
    assert.match(problem({ ...base, lat: '', long: '' }), /a location is required/);
    assert.match(problem({ ...base, long: '' }), /lat and long go together/);
    assert.equal(problem({ ...base, lat: '', long: '', address_string: 'Skolas iela 1' }), 'accepted');
    assert.match(problem({ ...base, lat: '1e2' }), /decimal degree/);
    assert.match(problem({ ...base, lat: '60' }), /outside Latvia/);
    assert.match(problem({ ...base, description: 'x'.repeat(5001) }), /at most 5000/);
    assert.equal(problem({ ...base, description: 'x'.repeat(5000) }), 'accepted');
    assert.match(problem({ ...base, service_code: ['', 'roads'] }), /service_code is required/);
  });

  it('gets a title from the first line of its description, cut to 120 characters', () => {
    assert.equal(titleOf('\n  Bedre   pie skolas \nDziļa.'), 'Bedre pie skolas');
    const long = titleOf('ā'.repeat(200));
    assert.equal(Array.from(long).length, 120);
    assert.ok(long.endsWith('ā…'));
  });

  it('is located by its address, or else by its position in words', () => {
    assert.equal(locationOf({ address: 'Skolas iela 1', lat: 56.3, lon: 27.5 }), 'Skolas iela 1');
    assert.equal(locationOf({ address: null, lat: 56.3, lon: 27.123456 }), '56.30000, 27.12346');
  });
});
