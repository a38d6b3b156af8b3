import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { ROOT_DIR } from '../../src/paths.js';
import { makeApp } from '../support/app.js';
import { httpsGet, nginxBinary, nginxFolder, startNginx, tlsPost } from '../support/nginx.js';
import { freePort } from '../support/server.js';

const NAME = 'tilts.rezeknesnovads.example';
const get = (port: number, urlPath: string, extra: Record<string, string> = {}) =>
  httpsGet(port, NAME, urlPath, extra);

describe('deploy/nginx.conf in front of a real Tilts (when nginx is installed)', function () {
  this.timeout(60_000);
  let nginx: ChildProcess | undefined;
  let server: Server | undefined;
  let dir: string;
  const lines: Record<string, unknown>[] = [];
  let ports: { http: number; https: number };
  let inboundSecret: string;

  before(async function () {
    const binary = nginxBinary();
    if (!binary) this.skip(); // nginx is not installed on this machine
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
            lines.push(JSON.parse(line) as Record<string, unknown>);
          done();
        },
      }),
    );
    // As deploy/tilts.env.example sets it: the proxy on this machine is trusted.
    const { app, config } = await makeApp({ TRUST_PROXY: 'loopback' }, { logger });
    inboundSecret = config.inboundSecret;
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const appPort = (server.address() as AddressInfo).port;
    ports = { http: await freePort(), https: await freePort() };

    dir = await nginxFolder('tilts-nginx-run-', NAME);
    // The file as shipped, with only what must differ on a test machine: ports, certificate, app port.
    const site = fs
      .readFileSync(path.join(ROOT_DIR, 'deploy/nginx.conf'), 'utf8')
      .replace(/^\s*listen \[::\].*$/gm, '')
      .replace(/listen 80;/, `listen 127.0.0.1:${ports.http};`)
      .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${ports.https} ssl http2;`)
      .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${path.join(dir, 'key.pem')};`)
      .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${path.join(dir, 'cert.pem')};`)
      .replace('proxy_pass http://127.0.0.1:3000;', `proxy_pass http://127.0.0.1:${appPort};`)
      .replaceAll('/var/log/nginx/', `${dir}/`);
    assert.match(site, new RegExp(`proxy_pass http://127\\.0\\.0\\.1:${appPort};`));
    nginx = await startNginx(binary, dir, site, { port: ports.https, name: NAME });
  });

  after(async () => {
    nginx?.kill('SIGTERM');
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves Tilts over TLS and hands it the request id that nginx logs', async () => {
    const health = await get(ports.https, '/healthz');
    assert.equal(health.status, 200);
    assert.deepEqual(JSON.parse(health.body), { status: 'ok' });
    const page = await get(ports.https, '/reports');
    assert.equal(page.status, 200);
    const logged = lines.filter((line) => (line.req as { path?: string } | undefined)?.path === '/reports');
    assert.equal(logged.length, 1);
    assert.match(
      (logged[0]!.req as { id: string }).id,
      /^[0-9a-f]{32}$/,
      "nginx's $request_id, not a new UUID",
    );
  });

  it("keeps the emailed links' tokens out of nginx's access log, which names each request by the id Tilts logs it under", async () => {
    // Tilts never logs a token or a query string; nginx's default format writes the request line
    // (and the Referer, a page's own link with its token) whole, so a confirmation, sign-in or
    // reporter's link would be kept there in the clear.
    const token = 'Tq0298x5kHYEiHmp9wsoavrrSSBqIptit4AZN';
    const headers = { Referer: `https://${NAME}/reports/mine/${token}` };
    await get(ports.https, `/reports/confirm/1.${token}?lang=en`, headers);
    await get(ports.https, `/staff/sign-in/${token}`, headers);
    const logFile = path.join(dir, 'tilts-access.log');
    let log = '';
    for (const deadline = Date.now() + 5_000; log.split('\n').length < 3 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    }
    assert.doesNotMatch(log, new RegExp(token.slice(0, 12)));
    assert.doesNotMatch(log, /lang=|confirm|sign-in/);
    // The client's network, not its address: the privacy notice keeps an IP address for the limits alone.
    assert.match(log, /^127\.0\.0\.0 - \[/m);
    assert.doesNotMatch(log, /127\.0\.0\.1/);
    for (const urlPath of ['/reports/confirm/[token]', '/staff/sign-in/[token]']) {
      const logged = lines.filter((line) => (line.req as { path?: string } | undefined)?.path === urlPath);
      assert.equal(logged.length, 1, urlPath);
      const id = (logged[0]!.req as { id: string }).id;
      assert.match(
        log,
        new RegExp(`"GET" \\d{3} .* ${id}$`, 'm'),
        `nginx's line for ${urlPath} ends with Tilts's id`,
      );
    }
  });

  it('never forwards /metrics, in any spelling, though the app would answer this machine', async () => {
    for (const url of ['/metrics', '/METRICS', '/metrics/'])
      assert.equal((await get(ports.https, url)).status, 404, url);
    assert.equal(
      lines.filter((line) => /metrics/i.test(String((line.req as { path?: string } | undefined)?.path)))
        .length,
      0,
      'none of them reached Tilts',
    );
  });

  it('passes a body up to its limit to Tilts and refuses a larger one itself', async () => {
    const post = (urlPath: string, declared: number, sent: number, headers: string[] = []) =>
      tlsPost(ports.https, NAME, urlPath, { declared, sent }, headers);
    const limit = 110 * 1024 * 1024;
    assert.match(await post('/reports', limit + 1, 0), /^HTTP\/1\.1 413 /, 'nginx refuses before reading');
    // An email of 26 MB reaches Tilts, whose own limit (25 MB) answers.
    const email = await post('/inbound/email', 26 * 1024 * 1024, 26 * 1024 * 1024, [
      `Authorization: Bearer ${inboundSecret}`,
      'Content-Type: message/rfc822',
    ]);
    assert.match(email, /^HTTP\/1\.1 413 /);
    assert.match(email, /"error":"message too large"/, 'Tilts answered, not nginx');
  });

  it("keeps the tokens out of nginx's error log too, when Tilts is away (a restart, an upgrade)", async () => {
    // nginx's error log cannot be given a format: a request it could not pass on is written there
    // with its request line and Referer whole ("connect() failed … request: "GET /reports/confirm/…").
    const token = 'Xv81GdPq3LmZ0aRt7sNc2wKy5hBj9eUf4oTi6';
    await new Promise((resolve) => {
      server!.close(resolve);
      server!.closeAllConnections();
    });
    server = undefined;
    const headers = { Referer: `https://${NAME}/reports/mine/${token}` };
    assert.equal((await get(ports.https, `/reports/confirm/1.${token}`, headers)).status, 502);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logs = fs.readdirSync(dir).filter((file) => file.endsWith('.log'));
    assert.ok(logs.includes('error.log'), 'nginx has its own error log in the test folder');
    for (const file of logs)
      assert.doesNotMatch(
        fs.readFileSync(path.join(dir, file), 'utf8'),
        new RegExp(token.slice(0, 12)),
        file,
      );
  });

  it('sends plain HTTP to HTTPS', async () => {
    const socket = net.connect(ports.http, '127.0.0.1');
    socket.write(`GET /reports HTTP/1.1\r\nHost: ${NAME}\r\nConnection: close\r\n\r\n`);
    let answer = '';
    for await (const chunk of socket) answer += String(chunk);
    assert.match(answer, /^HTTP\/1\.1 301/);
    assert.match(answer, new RegExp(`\r\nLocation: https://${NAME.replace(/\./g, '\\.')}/reports\r\n`));
  });
});
