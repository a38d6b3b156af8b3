import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { ROOT_DIR } from '../../src/paths.js';
import { makeApp } from '../support/app.js';
import { httpsGet, nginxFolder, tlsPost } from '../support/nginx.js';
import { freePort } from '../support/server.js';

const NAME = 'tilts.rezeknesnovads.example';
const get = (port: number, urlPath: string, extra: Record<string, string> = {}) =>
  httpsGet(port, NAME, urlPath, extra);

/** The caddy binary on this machine, or undefined (the test then skips). */
function caddyBinary(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v caddy'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

describe('deploy/Caddyfile in front of a real Tilts (when Caddy is installed)', function () {
  this.timeout(60_000);
  let caddy: ChildProcess | undefined;
  let server: Server | undefined;
  let dir: string;
  let port: number;
  let caddyLog = '';
  const reached: string[] = [];
  let inboundSecret: string;

  before(async function () {
    const binary = caddyBinary();
    if (!binary) this.skip(); // Caddy is not installed on this machine
    // Each request Tilts answers is one log line naming its path (the token masked).
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
            const req = (JSON.parse(line) as { req?: { path?: string } }).req;
            if (req?.path) reached.push(req.path);
          }
          done();
        },
      }),
    );
    const { app, config } = await makeApp({ TRUST_PROXY: 'loopback' }, { logger });
    inboundSecret = config.inboundSecret;
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const appPort = (server.address() as AddressInfo).port;
    port = await freePort();
    dir = await nginxFolder('tilts-caddy-run-', NAME);
    // The file as shipped, with only what must differ on a test machine: no admin endpoint, the
    // ports, a throw-away certificate instead of one from the internet, the app's port.
    const options = `admin off\n\thttp_port ${await freePort()}\n\thttps_port ${port}`;
    const shipped = fs.readFileSync(path.join(ROOT_DIR, 'deploy/Caddyfile'), 'utf8');
    const site = (
      /^\{$/m.test(shipped) ? shipped.replace(/^\{$/m, `{\n\t${options}`) : `{\n\t${options}\n}\n${shipped}`
    )
      .replace(`${NAME} {`, `${NAME} {\n\ttls ${dir}/cert.pem ${dir}/key.pem`)
      .replace('reverse_proxy 127.0.0.1:3000', `reverse_proxy 127.0.0.1:${appPort}`);
    assert.match(site, new RegExp(`reverse_proxy 127\\.0\\.0\\.1:${appPort}$`, 'm'));
    fs.writeFileSync(path.join(dir, 'Caddyfile'), site);
    const home = { HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
    caddy = spawn(binary!, ['run', '--adapter', 'caddyfile', '--config', path.join(dir, 'Caddyfile')], {
      env: { ...process.env, ...home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    caddy.stdout!.on('data', (chunk: Buffer) => (caddyLog += chunk.toString('utf8')));
    caddy.stderr!.on('data', (chunk: Buffer) => (caddyLog += chunk.toString('utf8')));
    for (const deadline = Date.now() + 15_000; ;) {
      try {
        await get(port, '/healthz');
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`Caddy did not start:\n${caddyLog}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });

  after(async () => {
    caddy?.kill('SIGTERM');
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves Tilts over TLS', async () => {
    const health = await get(port, '/healthz');
    assert.equal(health.status, 200);
    assert.deepEqual(JSON.parse(health.body), { status: 'ok' });
    assert.equal((await get(port, '/reports')).status, 200);
  });

  it('never forwards /metrics, in any spelling, though the app would answer this machine', async () => {
    for (const url of ['/metrics', '/METRICS', '/metrics/'])
      assert.equal((await get(port, url)).status, 404, url);
    assert.deepEqual(
      reached.filter((urlPath) => /metrics/i.test(urlPath)),
      [],
      'none of them reached Tilts',
    );
  });

  it('passes a whole email to Tilts, whose own limit answers (Caddy cuts a body only past 110 MB, as it reads it)', async () => {
    // An email of 26 MB reaches Tilts, whose own limit (25 MB) answers.
    const size = 26 * 1024 * 1024;
    const email = await tlsPost(port, NAME, '/inbound/email', { declared: size, sent: size }, [
      `Authorization: Bearer ${inboundSecret}`,
      'Content-Type: message/rfc822',
    ]);
    assert.match(email, /^HTTP\/1\.1 413 /);
    assert.match(email, /"error":"message too large"/, 'Tilts answered, not Caddy');
  });

  it("keeps the emailed links' tokens out of Caddy's log when Tilts is away (a restart, an upgrade)", async () => {
    // Caddy writes a request it could not pass on to its log with the URI and the request's
    // headers (the Referer, a page's own link with its token), unless the log's filter drops them.
    const token = 'Xv81GdPq3LmZ0aRt7sNc2wKy5hBj9eUf4oTi6';
    await new Promise((resolve) => {
      server!.close(resolve);
      server!.closeAllConnections();
    });
    server = undefined;
    const headers = { Referer: `https://${NAME}/reports/mine/${token}` };
    assert.equal((await get(port, `/reports/confirm/1.${token}?lang=en`, headers)).status, 502);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(caddyLog, /"status":502/, 'Caddy logged the request it could not pass on');
    assert.doesNotMatch(caddyLog, new RegExp(token.slice(0, 12)));
    assert.doesNotMatch(caddyLog, /confirm|lang=/);
  });
});
