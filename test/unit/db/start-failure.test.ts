import assert from 'node:assert/strict';
import { databaseStartFailure } from '../../../src/db/start-failure.js';

const failure = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('a database that stops the start, in one line', () => {
  it('calls a missing database or a refused user a setting (78), naming DATABASE_URL', () => {
    for (const code of ['3D000', '28P01', '28000'])
      assert.deepEqual(databaseStartFailure(failure('database "tilts" does not exist', code)), {
        line: 'DATABASE_URL: database "tilts" does not exist',
        exitCode: 78,
      });
  });

  it('says a server that cannot be reached may come back (1)', () => {
    const known = databaseStartFailure(failure('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'));
    assert.equal(known?.exitCode, 1);
    assert.match(known!.line, /cannot be reached \(connect ECONNREFUSED 127\.0\.0\.1:5432\)/);
  });

  it('leaves anything else to the caller, which prints its stack', () => {
    assert.equal(databaseStartFailure(failure('boom')), undefined);
    assert.equal(databaseStartFailure(failure('syntax error', '42601')), undefined);
    assert.equal(databaseStartFailure('not an error'), undefined);
  });
});
