import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { doorTrustsAnyClient } from '../../src/config-rules.js';
import { checkConfigFiles, ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('starts with no environment at all: port 3000, embedded database, local public URL', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.inboundDomain, 'tilts.localhost');
    assert.ok(Object.isFrozen(config));
  });

  it('derives the public URL from the port when only the port is set', () => {
    assert.equal(loadConfig({ PORT: '8080' }).publicUrl, 'http://localhost:8080');
  });

  it('names PORT when it is not a number', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.variable, 'PORT');
        assert.match(error.message, /^PORT: /);
        return true;
      },
    );
  });

  it('names the variable for each kind of bad value', () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: '70000' }, 'PORT'],
      [{ DATABASE_URL: 'mysql://localhost/tilts' }, 'DATABASE_URL'],
      [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
      [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
      [{ MAP_TILE_URL: 'tile.openstreetmap.org/{z}/{x}/{y}.png' }, 'MAP_TILE_URL'],
      [{ MAP_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}.png' }, 'MAP_TILE_URL'],
      [{ MAP_TILE_URL: 'ftp://tiles.example.org/{z}/{x}/{y}.png' }, 'MAP_TILE_URL'],
      [{ MAP_TILE_URL: '//tiles.example.org/{z}/{x}/{y}.png' }, 'MAP_TILE_URL'],
    ];
    for (const [environment, variable] of cases) {
      assert.throws(
        () => loadConfig(environment),
        (error: unknown) => error instanceof ConfigError && error.variable === variable,
      );
    }
  });

  it('takes a map tile URL as Leaflet does: http(s) or a path on this site, with {z}, {x} and {y}', () => {
    for (const tiles of [
      'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      'https://{s}.tile.example.org/{z}/{x}/{y}{r}.png',
      'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png',
      '/tiles/{z}/{x}/{y}.png',
      'data:image/png;base64,iVBORw0KGgo=',
    ])
      assert.equal(loadConfig({ MAP_TILE_URL: tiles }).mapTileUrl, tiles);
    assert.throws(
      () => loadConfig({ MAP_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}.png' }),
      /^ConfigError: MAP_TILE_URL: must be an http:\/\/ or https:\/\/ URL \(or a path on this site\) with \{z\}, \{x\} and \{y\}/,
    );
  });

  it('refuses production without its own secret, public URL and SMTP server', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://tilts.example.org' }),
      /SECRET/,
    );
    assert.throws(() => loadConfig({ NODE_ENV: 'production', SECRET: 'x'.repeat(32) }), /PUBLIC_URL/);
    assert.throws(
      () =>
        loadConfig({
          NODE_ENV: 'production',
          SECRET: 'x'.repeat(32),
          PUBLIC_URL: 'https://tilts.example.org',
        }),
      /SMTP_URL/,
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      SECRET: 'x'.repeat(32),
      PUBLIC_URL: 'https://tilts.example.org/',
      SMTP_URL: 'smtp://mail.example.org:587',
    });
    assert.equal(config.publicUrl, 'https://tilts.example.org');
    assert.equal(config.inboundDomain, 'tilts.example.org');
  });

  it('refuses a real installation at an IP address without INBOUND_DOMAIN, whose mail would be at tilts.localhost', () => {
    // Reply addresses and every email's bounce address (its envelope sender) are at INBOUND_DOMAIN,
    // by default PUBLIC_URL's host; an IP address is no mail domain, so they fell back to
    // tilts.localhost: replies no mail server can route, and a sender domain relays refuse.
    const production = {
      NODE_ENV: 'production',
      SECRET: 'x'.repeat(32),
      SMTP_URL: 'smtp://mail.example.org',
    };
    for (const address of ['http://192.0.2.10:3000', 'https://[2001:db8::10]'])
      assert.throws(
        () => loadConfig({ ...production, PUBLIC_URL: address }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message ===
            `INBOUND_DOMAIN: must be set when PUBLIC_URL is an IP address (${new URL(address).hostname}): reply and bounce addresses need a mail domain routed to Tilts`,
      );
    const named = loadConfig({
      ...production,
      PUBLIC_URL: 'http://192.0.2.10:3000',
      INBOUND_DOMAIN: 'tilts.example.org',
    });
    assert.equal(named.inboundDomain, 'tilts.example.org');
    // A trial on this machine keeps its local domain: nothing there is routed anyway.
    assert.equal(
      loadConfig({ ...production, PUBLIC_URL: 'http://127.0.0.1:3000' }).inboundDomain,
      'tilts.localhost',
    );
    assert.equal(
      loadConfig({ ...production, PUBLIC_URL: 'https://tilts.example.org' }).inboundDomain,
      'tilts.example.org',
    );
  });

  it('is a developer machine only on localhost without an SMTP server: the mailbox, the development secret and unchecked replies exist only there', () => {
    const local = loadConfig({});
    assert.equal(local.development, true);
    assert.deepEqual(local.inboundAuth, { mode: 'none' });
    assert.equal(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).development, true);
    assert.equal(loadConfig({ PUBLIC_URL: 'http://tilts.localhost:3000' }).development, true);
  });

  it('fails closed: a real address or an SMTP server without NODE_ENV=production still demands what production does', () => {
    // The careless deployment: NODE_ENV unset, a real SMTP server and an https address.
    assert.throws(
      () => loadConfig({ SMTP_URL: 'smtp://mail.example.org:587', PUBLIC_URL: 'https://tilts.example.org' }),
      (error: unknown) => error instanceof ConfigError && error.variable === 'SECRET',
    );
    assert.throws(
      () => loadConfig({ PUBLIC_URL: 'https://tilts.example.org', SECRET: 'x'.repeat(32) }),
      (error: unknown) => error instanceof ConfigError && error.variable === 'SMTP_URL',
    );
    assert.throws(
      () => loadConfig({ SMTP_URL: 'smtp://mail.example.org:587', SECRET: 'x'.repeat(32) }),
      (error: unknown) => error instanceof ConfigError && error.variable === 'PUBLIC_URL',
    );
    const real = loadConfig({
      SMTP_URL: 'smtp://mail.example.org:587',
      PUBLIC_URL: 'https://tilts.example.org',
      SECRET: 'x'.repeat(32),
    });
    assert.equal(real.development, false);
    assert.equal(real.production, true);
    assert.equal(real.https, true);
    assert.deepEqual(real.inboundAuth, { mode: 'dkim' });
    assert.notEqual(real.secret, loadConfig({}).secret);
  });

  it('reads INBOUND_AUTH and refuses unchecked replies anywhere but a developer machine', () => {
    const production = {
      NODE_ENV: 'production',
      SECRET: 'x'.repeat(32),
      PUBLIC_URL: 'https://tilts.example.org',
      SMTP_URL: 'smtp://mail.example.org',
    };
    assert.deepEqual(loadConfig({ ...production, INBOUND_AUTH: 'header:MX.Example.org' }).inboundAuth, {
      mode: 'header',
      authservId: 'mx.example.org',
    });
    assert.deepEqual(loadConfig({ ...production, INBOUND_AUTH: 'dkim' }).inboundAuth, { mode: 'dkim' });
    assert.throws(
      () => loadConfig({ ...production, INBOUND_AUTH: 'none' }),
      (error: unknown) => error instanceof ConfigError && error.variable === 'INBOUND_AUTH',
    );
    // A trial in production on this machine is refused too: the reason names everything that
    // makes a developer machine, not only the localhost it already has.
    for (const trial of [
      { ...production, PUBLIC_URL: 'http://localhost:3000' },
      { PUBLIC_URL: 'http://localhost:3000', SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://127.0.0.1:2525' },
    ])
      assert.throws(
        () => loadConfig({ ...trial, INBOUND_AUTH: 'none' }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message ===
            'INBOUND_AUTH: none is for a developer machine only (PUBLIC_URL on localhost, no SMTP_URL and no NODE_ENV=production)',
      );
    assert.throws(() => loadConfig({ INBOUND_AUTH: 'header:' }), /INBOUND_AUTH/);
    assert.throws(() => loadConfig({ INBOUND_AUTH: 'spf' }), /INBOUND_AUTH/);
    assert.deepEqual(loadConfig({ INBOUND_AUTH: 'dkim' }).inboundAuth, { mode: 'dkim' });
  });

  it('knows when the SMTP door believes an Authentication-Results header from any client', () => {
    const header = { mode: 'header', authservId: 'mx.example.org' } as const;
    // On loopback only the mail server in front can connect; elsewhere the firewall must see to it.
    assert.equal(doorTrustsAnyClient(header, '127.0.0.1', 2525), false);
    assert.equal(doorTrustsAnyClient(header, 'localhost', 2525), false);
    assert.equal(doorTrustsAnyClient(header, '::1', 2525), false);
    assert.equal(doorTrustsAnyClient(header, '0.0.0.0', 2525), true);
    assert.equal(doorTrustsAnyClient(header, '10.0.0.5', 2525), true);
    // No door (port 0), or a door that proves senders itself: nothing to warn about.
    assert.equal(doorTrustsAnyClient(header, '0.0.0.0', 0), false);
    assert.equal(doorTrustsAnyClient({ mode: 'dkim' }, '0.0.0.0', 2525), false);
  });

  it('trusts no proxy unless TRUST_PROXY names it, and refuses what is not an address', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, ::1' }).trustProxy, [
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY/);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'proxy.example.org' }), /TRUST_PROXY/);
    // Shaped like an address but none: Express would throw its own stack at start-up instead.
    for (const bad of ['10.0.0.0/99', '999.1.1.1', '::::', '::1/129', '10.0.0.1/8/8'])
      assert.throws(
        () => loadConfig({ TRUST_PROXY: `loopback,${bad}` }),
        new RegExp(`TRUST_PROXY: "${bad}"`),
      );
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'fd00::/8,192.0.2.10/32' }).trustProxy, [
      'fd00::/8',
      '192.0.2.10/32',
    ]);
  });

  it('binds the SMTP door to the loopback address unless told otherwise, and reads the retention periods', () => {
    const config = loadConfig({
      INBOUND_RETENTION_DAYS: '30',
      OUTBOX_RETENTION_DAYS: '60',
      RATE_LIMIT_RETENTION_HOURS: '2',
      REPORT_RETENTION_DAYS: '730',
      AUDIT_IP_RETENTION_DAYS: '180',
    });
    assert.equal(config.inboundSmtpHost, '127.0.0.1');
    assert.deepEqual(config.retention, {
      inboundDays: 30,
      outboxDays: 60,
      rateLimitHours: 2,
      reportDays: 730,
      auditIpDays: 180,
    });
    assert.equal(loadConfig({}).retention.reportDays, 1095, 'three years unless set');
    assert.equal(loadConfig({}).retention.auditIpDays, 365, 'a year unless set');
    assert.throws(() => loadConfig({ AUDIT_IP_RETENTION_DAYS: '7' }), /AUDIT_IP_RETENTION_DAYS/);
    assert.throws(() => loadConfig({ REPORT_RETENTION_DAYS: '7' }), /REPORT_RETENTION_DAYS/);
    assert.throws(() => loadConfig({ INBOUND_RETENTION_DAYS: '0' }), /INBOUND_RETENTION_DAYS/);
    assert.throws(() => loadConfig({ INBOUND_SMTP_MAX_CLIENTS: 'many' }), /INBOUND_SMTP_MAX_CLIENTS/);
  });

  it('asks how a match went after HELP_FOLLOWUP_DAYS (14 unless set), and refuses a day count it cannot use', () => {
    assert.equal(loadConfig({}).helpFollowupDays, 14);
    assert.equal(loadConfig({ HELP_FOLLOWUP_DAYS: '7' }).helpFollowupDays, 7);
    for (const bad of ['0', '-3', 'soon', '1.5'])
      assert.throws(
        () => loadConfig({ HELP_FOLLOWUP_DAYS: bad }),
        (error: unknown) => error instanceof ConfigError && error.variable === 'HELP_FOLLOWUP_DAYS',
      );
  });

  it('wants the STARTTLS key and certificate together, and files it can read', () => {
    assert.throws(() => loadConfig({ INBOUND_TLS_KEY: '/etc/tilts/key.pem' }), /INBOUND_TLS_CERT/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-tls-'));
    const [key, cert] = [path.join(dir, 'k.pem'), path.join(dir, 'c.pem')];
    fs.writeFileSync(key, 'key');
    fs.writeFileSync(cert, 'cert');
    try {
      assert.deepEqual(loadConfig({ INBOUND_TLS_KEY: key, INBOUND_TLS_CERT: cert }).inboundTls, {
        keyPath: key,
        certPath: cert,
      });
      // A path that is missing, or a folder: one line naming the variable, not a stack at start-up.
      for (const [name, env] of [
        ['INBOUND_TLS_KEY', { INBOUND_TLS_KEY: path.join(dir, 'missing.pem'), INBOUND_TLS_CERT: cert }],
        ['INBOUND_TLS_CERT', { INBOUND_TLS_KEY: key, INBOUND_TLS_CERT: dir }],
      ] as const)
        assert.throws(
          () => checkConfigFiles(loadConfig(env)),
          (error: unknown) =>
            error instanceof ConfigError && error.variable === name && /cannot read/.test(error.message),
        );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a DATABASE_URL that names no database: it would migrate into the user’s own', () => {
    for (const value of [
      'postgres://postgres@localhost:5432/',
      'postgres://postgres@localhost:5432',
      'postgresql://u@h//',
    ])
      assert.throws(
        () => loadConfig({ DATABASE_URL: value }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError, value);
          assert.equal(
            error.message,
            'DATABASE_URL: must name its database (postgres://user@host:5432/tilts)',
          );
          return true;
        },
      );
    for (const value of [
      'postgres://postgres@localhost:5432/tilts',
      'postgres:///tilts?host=/var/run/postgresql',
    ])
      assert.equal(loadConfig({ DATABASE_URL: value }).databaseUrl, value);
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: '' }).databaseUrl, undefined);
  });
});
