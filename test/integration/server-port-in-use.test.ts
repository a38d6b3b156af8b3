import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../../src/paths.js';
import { spawnServer } from '../support/server.js';

/**
 * A port already taken ends the start with "cannot listen", and nothing before it may say the app
 * is listening or start the outbox worker and the scheduler (they would write while it dies).
 */
describe('the server on a port already in use', function () {
  this.timeout(120_000);
  let dataDir: string;
  let blocker: net.Server;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-port-'));
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
  });
  after(() => {
    blocker.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('says only that it cannot listen, and exits with 1', async () => {
    const port = (blocker.address() as net.AddressInfo).port;
    const server = spawnServer(['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT_DIR,
      env: { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'debug' },
    });
    const code = await server.exited;
    const output = server.output();
    assert.equal(code, 1, output);
    assert.match(output, /cannot listen/);
    assert.match(output, /EADDRINUSE/);
    assert.doesNotMatch(output, /Tilts is listening/);
  });
});
