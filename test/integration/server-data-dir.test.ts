import assert from 'node:assert/strict';
import { ROOT_DIR } from '../../src/paths.js';
import { spawnServer } from '../support/server.js';

/** How long the start may take to refuse: it loads the code, reads the settings and stops. */
const REFUSED_WITHIN_MS = 60_000;

/**
 * A DATA_DIR the app cannot make stops the start in one line naming it. One under /proc used to
 * hang it for ever instead: Node's recursive mkdir, told ENOENT for a parent that exists, tries again
 * without end.
 */
describe('the server with a DATA_DIR under /proc', function () {
  this.timeout(REFUSED_WITHIN_MS + 30_000);

  it('refuses to start, naming DATA_DIR, and does not hang', async () => {
    const dataDir = `/proc/tilts-data-${process.pid}`;
    const server = spawnServer(['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT_DIR,
      env: { PORT: '0', DATA_DIR: dataDir },
    });
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>(
      (resolve) => (timer = setTimeout(() => resolve('hung'), REFUSED_WITHIN_MS)),
    );
    const code = await Promise.race([server.exited, hung]).finally(() => clearTimeout(timer));
    if (code === 'hung') server.child.kill('SIGKILL');
    const output = server.output();
    assert.notEqual(code, 'hung', `still running after ${REFUSED_WITHIN_MS} ms: ${output}`);
    assert.equal(code, 78, output);
    assert.match(
      output,
      new RegExp(`^Tilts cannot start: DATA_DIR: cannot write ${dataDir} \\(ENOENT\\)`, 'm'),
    );
    // No locale set (as a service often has none): the same line goes on in Latvian.
    assert.match(output, /\(ENOENT\).* — Tilts nevar sākt darbu: pārbaudiet iestatījumu DATA_DIR \(/);
    assert.doesNotMatch(output, /\n\s+at /, 'no stack');
  });
});
