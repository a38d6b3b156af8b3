import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config.js';

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
    ];
    for (const [environment, variable] of cases) {
      assert.throws(
        () => loadConfig(environment),
        (error: unknown) => error instanceof ConfigError && error.variable === variable,
      );
    }
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

  it('wants the STARTTLS key and certificate together', () => {
    assert.throws(() => loadConfig({ INBOUND_TLS_KEY: '/etc/tilts/key.pem' }), /INBOUND_TLS_CERT/);
    assert.deepEqual(loadConfig({ INBOUND_TLS_KEY: 'k.pem', INBOUND_TLS_CERT: 'c.pem' }).inboundTls, {
      keyPath: 'k.pem',
      certPath: 'c.pem',
    });
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: '' }).databaseUrl, undefined);
  });
});
