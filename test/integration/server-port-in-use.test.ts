import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../../src/paths.js';
import { spawnServer } from '../support/server.js';

/**
 * A port already taken ends the start with "cannot listen", and nothing before it may say the app
 * is listening or start the outbox worker and the scheduler (they would write while it dies). It is
 * said in one line naming the setting, as every other setting Tilts cannot start with, not a stack.
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
    assert.match(output, new RegExp(`Tilts cannot start: PORT: cannot listen on port ${port}: `));
    assert.doesNotMatch(output, /\n\s+at /, 'no stack');
  });

  it('names INBOUND_SMTP_PORT when the port of the SMTP door is taken', async () => {
    const port = (blocker.address() as net.AddressInfo).port;
    const server = spawnServer(['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT_DIR,
      env: { PORT: '0', DATA_DIR: dataDir, INBOUND_SMTP_PORT: String(port), INBOUND_SMTP_HOST: '0.0.0.0' },
    });
    const code = await server.exited;
    const output = server.output();
    assert.equal(code, 1, output);
    assert.match(
      output,
      new RegExp(
        `Tilts cannot start: INBOUND_SMTP_PORT: cannot listen on 0\\.0\\.0\\.0:${port}: .*EADDRINUSE`,
      ),
    );
    assert.doesNotMatch(output, /\n\s+at /, 'no stack');
    assert.doesNotMatch(output, /Tilts is listening/);
  });

  it('names INBOUND_SMTP_HOST when it is no address of this machine, never the database', async () => {
    const server = spawnServer(['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT_DIR,
      env: { PORT: '0', DATA_DIR: dataDir, INBOUND_SMTP_PORT: '2599', INBOUND_SMTP_HOST: '192.0.2.99' },
    });
    const code = await server.exited;
    const output = server.output();
    assert.equal(code, 78, output);
    assert.match(
      output,
      /Tilts cannot start: INBOUND_SMTP_HOST: cannot listen on 192\.0\.2\.99:2599: "192\.0\.2\.99" is not an address of this machine/,
    );
    assert.doesNotMatch(output, /database/);
    assert.doesNotMatch(output, /\n\s+at /, 'no stack');
  });

  it('stops at once, naming DATA_DIR, when it cannot be written (photos and replies would fail later)', async () => {
    const file = path.join(dataDir, 'not-a-folder');
    fs.writeFileSync(file, '');
    const server = spawnServer(['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT_DIR,
      env: { PORT: '0', DATA_DIR: path.join(file, 'data') },
    });
    const code = await server.exited;
    const output = server.output();
    assert.equal(code, 78, output);
    assert.match(output, /^Tilts cannot start: DATA_DIR: cannot write .*not-a-folder\/data \(ENOTDIR\)/);
  });
});
