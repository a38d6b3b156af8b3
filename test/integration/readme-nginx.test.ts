import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT_DIR } from '../../src/paths.js';
import { makeApp } from '../support/app.js';
import { httpsGet, nginxBinary, nginxFolder, startNginx } from '../support/nginx.js';
import { freePort } from '../support/server.js';

const NAME = 'tilts.rezeknesnovads.lv';

/** README's nginx example for two app processes (its only `nginx` block with an upstream). */
function readmeSnippet(): string {
  const readme = fs.readFileSync(path.join(ROOT_DIR, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```nginx\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const snippet = blocks.find((block) => block.includes('upstream tilts'));
  assert.ok(snippet, "README's nginx example with its upstream");
  return snippet;
}

/** A `log_format` of a configuration, its lines joined as nginx reads them. */
function logFormat(conf: string, name: string): string | undefined {
  const found = new RegExp(`^\\s*log_format ${name}\\s+([^;]*);`, 'm').exec(conf)?.[1];
  return found?.replace(/'\s+'/g, '');
}

const get = (port: number, urlPath: string, headers: Record<string, string> = {}) =>
  httpsGet(port, NAME, urlPath, headers);

describe("README's nginx example for two app processes", function () {
  this.timeout(60_000);

  it("logs in deploy/nginx.conf's private format, without the URL or the Referer", () => {
    const snippet = readmeSnippet();
    const shipped = fs.readFileSync(path.join(ROOT_DIR, 'deploy/nginx.conf'), 'utf8');
    const format = logFormat(shipped, 'tilts_private');
    assert.ok(format, 'deploy/nginx.conf defines tilts_private');
    assert.equal(logFormat(snippet, 'tilts_private'), format, 'the same format as deploy/nginx.conf');
    const network = (conf: string) =>
      /^\s*map \$remote_addr \$client_network \{[^}]*\}/m.exec(conf)?.[0].trim();
    assert.ok(network(shipped), 'deploy/nginx.conf logs a client by its network');
    assert.equal(network(snippet), network(shipped), 'the same network as deploy/nginx.conf');
    const logs = [...snippet.matchAll(/^\s*access_log\s+([^;]*);/gm)].map((match) => match[1]!);
    assert.ok(logs.length > 0, 'the server logs');
    for (const log of logs) assert.match(log, /\s+tilts_private$/, log);
    // nginx's error log writes a request it could not pass on whole (deploy-nginx.test.ts).
    assert.match(snippet, /^\s*error_log\s+\S+\s+crit;/m, 'the error log at crit, as deploy/nginx.conf');
  });

  describe('run by nginx in front of a Tilts (when nginx is installed)', () => {
    let nginx: ChildProcess | undefined;
    let server: Server | undefined;
    let dir: string | undefined;
    let port: number;

    before(async function () {
      const binary = nginxBinary();
      if (!binary) this.skip();
      const { app } = await makeApp({ TRUST_PROXY: 'loopback' });
      server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server!.once('listening', resolve));
      const appPort = (server.address() as AddressInfo).port;
      port = await freePort();
      dir = await nginxFolder('tilts-readme-nginx-', NAME);
      // The example as written, with only what must differ on a test machine.
      const site = readmeSnippet()
        .replace(/upstream tilts \{[^}]*\}/, `upstream tilts { server 127.0.0.1:${appPort}; keepalive 16; }`)
        .replace(/listen 443 ssl; listen \[::\]:443 ssl;/, `listen 127.0.0.1:${port} ssl;`)
        .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${path.join(dir, 'key.pem')};`)
        .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${path.join(dir, 'cert.pem')};`)
        .replaceAll('/var/log/nginx/', `${dir}/`);
      nginx = await startNginx(binary, dir, site, { port, name: NAME });
    });

    after(async () => {
      nginx?.kill('SIGTERM');
      await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("logs each request, and no emailed link's token", async () => {
      const token = 'Tq0298x5kHYEiHmp9wsoavrrSSBqIptit4AZN';
      const headers = { Referer: `https://${NAME}/reports/mine/${token}` };
      await get(port, `/reports/confirm/1.${token}?lang=en`, headers);
      await get(port, `/staff/sign-in/${token}`, headers);
      const logFile = path.join(dir!, 'tilts-access.log');
      let log = '';
      for (const deadline = Date.now() + 5_000; log.split('\n').length < 3 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      }
      assert.equal(log.match(/"GET" \d{3} /g)?.length, 3, log);
      assert.doesNotMatch(log, new RegExp(token.slice(0, 12)));
      assert.doesNotMatch(log, /lang=|confirm|sign-in/);
    });
  });
});
