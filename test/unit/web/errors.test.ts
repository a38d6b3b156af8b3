import assert from 'node:assert/strict';
import { AppError, NotFoundError } from '../../../src/web/errors.js';

describe('AppError', () => {
  it('captures no stack for an answer below 500, and a whole one for a fault', () => {
    const notFound = new NotFoundError();
    assert.equal(notFound.stack, 'NotFoundError: not_found');
    assert.equal(notFound.status, 404);
    const fault = new AppError(503, 'unavailable', 'errors.unavailable.text');
    assert.match(fault.stack ?? '', /\n\s+at /);
  });

  it('leaves the stack of every other error as it was', () => {
    const before = Error.stackTraceLimit;
    new NotFoundError();
    assert.equal(Error.stackTraceLimit, before);
    assert.match(new Error('x').stack ?? '', /\n\s+at /);
  });
});
