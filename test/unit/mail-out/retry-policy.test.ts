import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, classifySendError, retryDelayMs } from '../../../src/mail/retry-policy.js';

const smtpError = (responseCode: number, code = 'EMESSAGE') =>
  Object.assign(new Error(`${responseCode} refused`), { responseCode, code });

describe('the retry policy of outgoing mail', () => {
  it('retries a 4xx answer and a connection that could not be made', () => {
    assert.equal(classifySendError(smtpError(451)).permanent, false);
    assert.equal(classifySendError(smtpError(421)).permanent, false);
    const refused = classifySendError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }));
    assert.deepEqual([refused.permanent, refused.unreachable], [false, true]);
    assert.equal(
      classifySendError(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })).permanent,
      false,
    );
  });

  it('dead-letters a 5xx answer at once, except 503 (a session problem, not the message)', () => {
    assert.equal(classifySendError(smtpError(550, 'EENVELOPE')).permanent, true);
    assert.equal(classifySendError(smtpError(552)).permanent, true);
    assert.equal(classifySendError(smtpError(503)).permanent, false);
  });

  it('keeps retrying when the SMTP login fails, since fixing the password must send everything', () => {
    const failure = classifySendError(smtpError(535, 'EAUTH'));
    assert.equal(failure.permanent, false);
    assert.equal(failure.unreachable, false);
  });

  it('describes the failure on one line with its code and SMTP reply', () => {
    const failure = classifySendError(smtpError(550, 'EENVELOPE'));
    assert.equal(failure.description, 'EENVELOPE 550 550 refused');
    assert.equal(classifySendError('weird').description, 'weird');
  });

  it('doubles the delay with every attempt, with jitter between half and all of it', () => {
    const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 5 };
    assert.equal(
      retryDelayMs(1, policy, () => 1),
      1000,
    );
    assert.equal(
      retryDelayMs(1, policy, () => 0),
      500,
    );
    assert.equal(
      retryDelayMs(2, policy, () => 1),
      2000,
    );
    assert.equal(
      retryDelayMs(4, policy, () => 1),
      8000,
    );
    assert.equal(
      retryDelayMs(30, policy, () => 1),
      60_000,
    );
    for (let i = 0; i < 100; i += 1) {
      const delay = retryDelayMs(3, policy);
      assert.ok(delay >= 2000 && delay <= 4000, String(delay));
    }
  });

  it('by default spreads twelve attempts over more than half a day', () => {
    let total = 0;
    for (let attempt = 1; attempt < DEFAULT_RETRY_POLICY.maxAttempts; attempt += 1)
      total += retryDelayMs(attempt, DEFAULT_RETRY_POLICY, () => 1);
    assert.ok(total > 12 * 60 * 60_000, String(total));
  });
});
