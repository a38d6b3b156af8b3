import assert from 'node:assert/strict';

/**
 * Makes a fixture afresh before each test of a `describe` (call it there: it adds the hook), so
 * that no test sees another's rows; a test reads it with the function this returns.
 */
export function eachTest<T>(make: () => Promise<T>): () => T {
  let made: T | undefined;
  beforeEach(async () => {
    made = await make();
  });
  return () => {
    assert.ok(made, 'the fixture is made in `beforeEach`');
    return made;
  };
}
