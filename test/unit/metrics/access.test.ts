import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { metricsAccess, plainAddress, type MetricsRequest } from '../../../src/metrics/access.js';

const TOKEN = 'scraper-token-of-32-characters-ok';
const direct = (ip: string, authorization?: string): MetricsRequest => ({
  ip,
  authorization,
  forwarded: false,
});

describe('who may read /metrics', () => {
  it('lets this machine in by default, and nobody else', () => {
    const { allow, token } = loadConfig({}).metrics;
    assert.deepEqual(allow, ['127.0.0.1', '::1']);
    assert.equal(token, undefined);
    const may = metricsAccess({ allow, token, trustsProxy: false });
    assert.equal(may(direct('127.0.0.1')), true);
    assert.equal(may(direct('::ffff:127.0.0.1')), true, 'an IPv4 client on a dual-stack socket');
    assert.equal(may(direct('::1')), true);
    for (const ip of ['127.0.0.2', '10.0.0.1', '203.0.113.7', '::2', '::ffff:203.0.113.7'])
      assert.equal(may(direct(ip)), false, ip);
  });

  it('takes addresses and subnets of both families from METRICS_ALLOW', () => {
    const allow = loadConfig({ METRICS_ALLOW: '10.1.0.0/16, 192.0.2.5,fd00::/8' }).metrics.allow;
    const may = metricsAccess({ allow, token: undefined, trustsProxy: false });
    assert.equal(may(direct('10.1.200.3')), true);
    assert.equal(may(direct('10.2.0.1')), false);
    assert.equal(may(direct('192.0.2.5')), true);
    assert.equal(may(direct('192.0.2.6')), false);
    assert.equal(may(direct('fd12:3456::1')), true);
    assert.equal(may(direct('fe80::1')), false);
    assert.equal(may(direct('127.0.0.1')), false, 'loopback is no longer in the list');
  });

  it('lets no address in with METRICS_ALLOW=none, only the token', () => {
    const { allow, token } = loadConfig({ METRICS_ALLOW: 'none', METRICS_TOKEN: TOKEN }).metrics;
    assert.deepEqual(allow, []);
    const may = metricsAccess({ allow, token, trustsProxy: false });
    assert.equal(may(direct('127.0.0.1')), false);
    assert.equal(may(direct('203.0.113.7', `Bearer ${TOKEN}`)), true);
  });

  it('judges a request that brings credentials by them alone, from any address', () => {
    const may = metricsAccess({ allow: ['127.0.0.1'], token: TOKEN, trustsProxy: false });
    assert.equal(
      may(direct('127.0.0.1', `Bearer ${TOKEN}x`)),
      false,
      'a wrong token from an allowed address',
    );
    assert.equal(may(direct('127.0.0.1', `Bearer ${TOKEN.slice(0, -1)}`)), false);
    assert.equal(may(direct('127.0.0.1', `Basic ${TOKEN}`)), false);
    assert.equal(may(direct('127.0.0.1', 'Bearer')), false);
    assert.equal(may(direct('198.51.100.1', `Bearer ${TOKEN}`)), true);
    const noToken = metricsAccess({ allow: ['127.0.0.1'], token: undefined, trustsProxy: false });
    assert.equal(noToken(direct('127.0.0.1', 'Bearer anything-at-all-here')), false);
  });

  it('refuses a forwarded request when no proxy is trusted: its socket address is the proxy’s', () => {
    const untrusted = metricsAccess({ allow: ['127.0.0.1'], token: TOKEN, trustsProxy: false });
    assert.equal(untrusted({ ip: '127.0.0.1', authorization: undefined, forwarded: true }), false);
    assert.equal(untrusted({ ip: '127.0.0.1', authorization: `Bearer ${TOKEN}`, forwarded: true }), true);
    const trusted = metricsAccess({ allow: ['127.0.0.1'], token: undefined, trustsProxy: true });
    assert.equal(trusted({ ip: '127.0.0.1', authorization: undefined, forwarded: true }), true);
    assert.equal(trusted({ ip: '203.0.113.7', authorization: undefined, forwarded: true }), false);
  });

  it('refuses a request whose address is unknown', () => {
    const may = metricsAccess({ allow: ['127.0.0.1'], token: undefined, trustsProxy: false });
    assert.equal(may({ ip: undefined, authorization: undefined, forwarded: false }), false);
    assert.equal(plainAddress('not-an-address'), undefined);
  });

  it('stops the start on a METRICS_ALLOW or METRICS_TOKEN it cannot use, naming it', () => {
    for (const [environment, variable] of [
      [{ METRICS_ALLOW: 'localhost' }, 'METRICS_ALLOW'],
      [{ METRICS_ALLOW: '10.0.0.0/33' }, 'METRICS_ALLOW'],
      [{ METRICS_ALLOW: '::1/129' }, 'METRICS_ALLOW'],
      [{ METRICS_ALLOW: '10.0.0.0/x' }, 'METRICS_ALLOW'],
      [{ METRICS_ALLOW: '10.0.0.0/8/9' }, 'METRICS_ALLOW'],
      [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    ] as const) {
      assert.throws(
        () => loadConfig(environment),
        (error: unknown) => error instanceof ConfigError && error.variable === variable,
        JSON.stringify(environment),
      );
    }
  });
});
