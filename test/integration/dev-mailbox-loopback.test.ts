import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { DEVELOPER_MACHINE, makeApp, type TestContext } from '../support/app.js';

/** An IPv4 address of this machine that is not loopback: a neighbour on the network reaches it. */
function networkAddress(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces()))
    for (const address of addresses ?? [])
      if (address.family === 'IPv4' && !address.internal) return address.address;
  return undefined;
}

/**
 * `npm start` on a developer's machine listens on every interface; the mailbox holds every email
 * (confirmation links, staff sign-in links), so it answers only to a browser on that machine.
 */
describe('the development mailbox answers only on this machine', function () {
  this.timeout(30_000);
  let context: TestContext;
  let server: Server;
  let port: number;

  beforeEach(async () => {
    // TRUST_PROXY as if a proxy on this machine forwarded: its X-Forwarded-For must not open the door.
    context = await makeApp({ ...DEVELOPER_MACHINE, TRUST_PROXY: 'loopback' });
    server = context.app.listen(0, '0.0.0.0');
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  const status = async (host: string, path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`http://${host}:${port}${path}`, { headers, redirect: 'manual' });
    await res.arrayBuffer();
    return res.status;
  };

  it('shows the mailbox to a browser on this machine', async () => {
    assert.equal(await status('127.0.0.1', '/dev/mailbox'), 200);
  });

  it('answers 404 to another machine, whatever X-Forwarded-For it writes', async function () {
    const address = networkAddress();
    if (!address) this.skip(); // no network interface: no neighbour to be
    assert.equal(await status(address!, '/dev/mailbox'), 404);
    assert.equal(await status(address!, '/dev/mailbox', { 'x-forwarded-for': '127.0.0.1' }), 404);
    assert.equal(await status(address!, '/dev/mailbox/1'), 404);
    assert.equal(await status(address!, '/dev/anything'), 404);
    // The rest of the site still answers there.
    assert.equal(await status(address!, '/healthz'), 200);
  });

  it('answers 404 to someone else forwarded by a proxy on this machine', async () => {
    assert.equal(await status('127.0.0.1', '/dev/mailbox', { 'x-forwarded-for': '203.0.113.9' }), 404);
    assert.equal(await status('127.0.0.1', '/dev/mailbox', { 'x-forwarded-for': '127.0.0.1' }), 200);
  });

  it('answers 404 to someone else a proxy names in Forwarded or X-Real-IP instead', async () => {
    // nginx's usual `proxy_set_header X-Real-IP`, and the standard header (RFC 7239) of others.
    const elsewhere: Record<string, string>[] = [
      { 'x-real-ip': '203.0.113.9' },
      { forwarded: 'for=203.0.113.9' },
      { forwarded: 'for="[2001:db8:cafe::17]:4711";proto=http;by=127.0.0.1' },
      { forwarded: 'for=127.0.0.1, for=198.51.100.7' },
      { forwarded: 'For=unknown' },
    ];
    for (const headers of elsewhere)
      assert.equal(await status('127.0.0.1', '/dev/mailbox', headers), 404, JSON.stringify(headers));
    // A proxy that names this machine itself still lets its developer in.
    const here: Record<string, string>[] = [
      { 'x-real-ip': '127.0.0.1' },
      { forwarded: 'for=127.0.0.1:5123' },
      { forwarded: 'for="[::1]"' },
    ];
    for (const headers of here)
      assert.equal(await status('127.0.0.1', '/dev/mailbox', headers), 200, JSON.stringify(headers));
  });
});
