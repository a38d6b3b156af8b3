import assert from 'node:assert/strict';
import { listenFailure } from '../../src/listen-failure.js';

const failure = (code?: string) => Object.assign(new Error(`listen ${code ?? ''}`), code ? { code } : {});
const smtp = {
  portName: 'INBOUND_SMTP_PORT',
  port: 2525,
  hostName: 'INBOUND_SMTP_HOST',
  host: 'mx.local',
} as const;

describe('a socket that cannot be opened at start-up, in one line', () => {
  it('names PORT when it is in use, and lets a service manager try again (1)', () => {
    assert.deepEqual(listenFailure(failure('EADDRINUSE'), { portName: 'PORT', port: 3000 }), {
      line: 'PORT: cannot listen on port 3000: another program already does (EADDRINUSE); stop it, or choose another PORT',
      exitCode: 1,
    });
  });

  it('calls a privileged port a setting (78)', () => {
    const known = listenFailure(failure('EACCES'), { portName: 'PORT', port: 80 });
    assert.equal(known?.exitCode, 78);
    assert.match(known!.line, /^PORT: cannot listen on port 80: not permitted \(EACCES\)/);
  });

  it('names INBOUND_SMTP_HOST for an address or a name that is not this machine', () => {
    for (const code of ['EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN']) {
      const known = listenFailure(failure(code), smtp);
      assert.equal(known?.exitCode, 78);
      assert.match(
        known!.line,
        /^INBOUND_SMTP_HOST: cannot listen on mx\.local:2525: "mx\.local" is not an address/,
      );
    }
    assert.match(
      listenFailure(failure('EADDRINUSE'), smtp)!.line,
      /^INBOUND_SMTP_PORT: cannot listen on mx\.local:2525/,
    );
  });

  it('leaves anything else to the caller, which prints its stack', () => {
    assert.equal(listenFailure(failure('EMFILE'), smtp), undefined);
    assert.equal(listenFailure(failure('ENOTFOUND'), { portName: 'PORT', port: 3000 }), undefined);
    assert.equal(listenFailure(failure(), smtp), undefined);
    assert.equal(listenFailure('not an error', smtp), undefined);
  });
});
