import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { pino } from 'pino';
import request from 'supertest';
import { loadConfig } from '../../src/config.js';
import { MAX_INBOUND_BYTES } from '../../src/inbound/smtp-receiver.js';
import { ROOT_DIR } from '../../src/paths.js';
import { MAX_PHOTO_BYTES } from '../../src/photos/service.js';
import { makeApp } from '../support/app.js';

const run = promisify(execFile);
const deploy = (file: string) => fs.readFileSync(path.join(ROOT_DIR, 'deploy', file), 'utf8');
/** Files one form takes (MAX_FILES in src/web/uploads.ts, which does not export it). */
const FILES_A_FORM_TAKES = 10;

/** A command on PATH, or undefined: what is not installed here is skipped, saying so. */
function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** An EnvironmentFile as systemd reads it: `KEY=value` lines; `# KEY=value` lines shown apart. */
function readEnvironmentFile(text: string) {
  const set: Record<string, string> = {};
  const commented: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const setting = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (setting) set[setting[1]!] = setting[2]!;
    const shown = /^# ([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (shown) commented[shown[1]!] = shown[2]!;
    assert.ok(setting || shown || line === '' || line.startsWith('#'), `not a setting: ${line}`);
  }
  return { set, commented };
}

/** Every variable the configuration reads: the keys of its schema in src/config.ts. */
function configVariables(): string[] {
  const source = fs.readFileSync(path.join(ROOT_DIR, 'src/config.ts'), 'utf8');
  const schema = /const schema = z\.object\(\{\n([\s\S]*?)\n\}\);/.exec(source);
  assert.ok(schema, 'the schema in src/config.ts');
  return [...schema[1]!.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => match[1]!);
}

/** `110m` or `110MB` in bytes. */
const megabytes = (value: string) => Number(/^(\d+)(?:m|MB)$/.exec(value)![1]) * 1024 * 1024;

describe('deploy/: the systemd unit, the settings file and the reverse proxies', function () {
  this.timeout(60_000); // the first test app of a process creates and migrates its database
  const example = readEnvironmentFile(deploy('tilts.env.example'));
  const unit = deploy('tilts.service');
  const directive = (name: string) => [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((m) => m[1]);

  it('passes systemd-analyze verify (a copy whose paths exist on this machine)', async function () {
    const analyze = which('systemd-analyze');
    if (!analyze) this.skip(); // not installed: nothing to verify with
    // The unit names /opt/tilts and /usr/bin/node, as installed; verify checks that the program
    // exists, so the copy points at this checkout and this node. The user "tilts" and the
    // EnvironmentFile are not checked by verify (they need not exist here).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-unit-'));
    const verify = async (text: string) => {
      const file = path.join(dir, 'tilts.service');
      fs.writeFileSync(file, text);
      try {
        const { stdout, stderr } = await run(analyze!, ['verify', '--man=no', file]);
        return { code: 0, output: `${stdout}${stderr}`.trim() };
      } catch (error) {
        const failure = error as { code: number; stdout: string; stderr: string };
        return { code: failure.code, output: `${failure.stdout}${failure.stderr}`.trim() };
      }
    };
    const here = unit.replaceAll('/opt/tilts', ROOT_DIR).replaceAll('/usr/bin/node', process.execPath);
    try {
      // verify warns about an unknown or unreadable line and still exits 0: a warning fails too.
      assert.deepEqual(await verify(here), { code: 0, output: '' });
      // The same check catches a mistake (so the empty output above means something).
      const typo = await verify(here.replace('NoNewPrivileges=yes', 'NoNewPrivilegez=yes'));
      assert.match(typo.output, /Unknown key 'NoNewPrivilegez'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the compiled app as npm start does, as its own user, restarted on failure, locked down', () => {
    const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    assert.match(packageJson.scripts.start!, /MALLOC_ARENA_MAX=2 node dist\/src\/server\.js$/);
    assert.deepEqual(directive('ExecStart'), ['/usr/bin/node /opt/tilts/dist/src/server.js']);
    assert.deepEqual(directive('Environment'), ['MALLOC_ARENA_MAX=2']);
    assert.deepEqual(directive('User'), ['tilts']);
    assert.deepEqual(directive('EnvironmentFile'), ['/etc/tilts/tilts.env']);
    assert.deepEqual(directive('Restart'), ['on-failure']);
    // A setting Tilts refuses ends the start with 78 (src/server.ts): no restart loop on it.
    assert.deepEqual(directive('RestartPreventExitStatus'), ['78']);
    for (const [name, value] of [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['PrivateTmp', 'yes'],
      ['ProtectHome', 'yes'],
    ])
      assert.deepEqual(directive(name!), [value], name);
    // The only place it may write is DATA_DIR, the one the settings file names.
    assert.deepEqual(directive('ReadWritePaths'), [example.set.DATA_DIR]);
    assert.deepEqual(directive('StateDirectory'), [path.basename(example.set.DATA_DIR!)]);
    assert.doesNotMatch(unit, /^MemoryDenyWriteExecute=yes/m, 'V8 needs executable memory');
  });

  it('has a settings file that is a valid production configuration naming every setting', () => {
    // As it is, its placeholders stop the start (a public SECRET would sign every emailed link).
    assert.throws(
      () => loadConfig(example.set),
      /[A-Z_]+: still holds the CHANGE-ME placeholder of deploy\/tilts.env.example/,
    );
    const replaced = (values: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(values).map(([key, value]) => [key, value.replaceAll('CHANGE-ME', 'replaced-value')]),
      );
    const config = loadConfig(replaced(example.set));
    assert.equal(config.env, 'production');
    assert.equal(config.production, true);
    assert.equal(config.https, true);
    assert.deepEqual(config.trustProxy, ['loopback']);
    assert.equal(config.inboundAuth.mode, 'dkim');
    assert.equal(config.seedDemo, 'no');
    assert.ok(config.databaseUrl, 'PostgreSQL');
    // The examples and defaults shown in comments are valid values too.
    loadConfig(replaced({ ...example.set, ...example.commented }));
    const named = new Set([...Object.keys(example.set), ...Object.keys(example.commented)]);
    assert.deepEqual(
      configVariables().filter((variable) => !named.has(variable)),
      [],
      'settings missing from deploy/tilts.env.example',
    );
    // No real secret: every password and key in it is a placeholder.
    for (const key of ['SECRET', 'DATABASE_URL', 'SMTP_URL'])
      assert.match(example.set[key]!, /CHANGE-ME/, key);
    for (const key of ['INBOUND_SECRET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'METRICS_TOKEN'])
      assert.match(example.commented[key]!, /CHANGE-ME/, key);
  });

  it('has a guide whose links and the files and tests it names all exist', () => {
    const guide = fs.readFileSync(path.join(ROOT_DIR, 'docs/operations.md'), 'utf8');
    const links = [...guide.matchAll(/\]\((\.\.?\/[^)#]+)(?:#[^)]*)?\)|\]\(([a-z][\w.-]*\.md)\)/g)].map(
      (match) => path.join(ROOT_DIR, 'docs', match[1] ?? match[2]!),
    );
    const named = [...guide.matchAll(/`((?:test|deploy|src)\/[\w./*-]+)`/g)]
      .map((match) => match[1]!)
      .filter((name) => !name.includes('*'))
      .map((name) => path.join(ROOT_DIR, name));
    assert.ok(links.length >= 5 && named.length >= 10);
    for (const file of [...links, ...named]) assert.ok(fs.existsSync(file), path.relative(ROOT_DIR, file));
  });

  describe('the reverse proxies', () => {
    const nginx = deploy('nginx.conf');
    const caddy = deploy('Caddyfile');

    it('forward to 127.0.0.1:3000 with the headers TRUST_PROXY=loopback reads', () => {
      assert.match(nginx, /^\s*proxy_pass http:\/\/127\.0\.0\.1:3000;$/m);
      assert.match(nginx, /^\s*proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;$/m);
      assert.match(nginx, /^\s*proxy_set_header X-Forwarded-Proto \$scheme;$/m);
      assert.match(nginx, /^\s*proxy_set_header Host \$host;$/m);
      assert.match(nginx, /^\s*listen 443 ssl http2;$/m);
      assert.match(caddy, /^\s*reverse_proxy 127\.0\.0\.1:3000$/m);
      assert.equal(example.set.TRUST_PROXY, 'loopback');
    });

    it('take a whole form of photos and a whole email, and agree on the limit', () => {
      const nginxLimit = megabytes(/client_max_body_size (\S+);/.exec(nginx)![1]!);
      const caddyLimit = megabytes(/max_size (\S+)/.exec(caddy)![1]!);
      assert.equal(nginxLimit, caddyLimit);
      assert.ok(nginxLimit >= FILES_A_FORM_TAKES * MAX_PHOTO_BYTES, 'ten photos of the largest size');
      assert.ok(nginxLimit >= MAX_INBOUND_BYTES, 'the largest email through the webhook');
    });

    it('never serve /metrics, in any case or with a trailing slash', () => {
      const location = /location ~\* (\S+) \{\s*return 404;\s*\}/.exec(nginx);
      assert.ok(location, 'a /metrics location answering 404');
      const blocked = new RegExp(location[1]!, 'i');
      for (const url of ['/metrics', '/METRICS', '/Metrics/']) assert.ok(blocked.test(url), url);
      for (const url of ['/', '/reports', '/metricsx/y']) assert.ok(!blocked.test(url), url);
      assert.match(caddy, /^\s*respond \/metrics\* 404$/m);
    });

    it('and behind them the app itself refuses /metrics to a resident, with the example’s TRUST_PROXY', async () => {
      const { app } = await makeApp({ TRUST_PROXY: example.set.TRUST_PROXY! });
      // As nginx or Caddy forward a resident's request (from 127.0.0.1, naming the resident).
      await request(app)
        .get('/metrics')
        .set('X-Forwarded-For', '203.0.113.50')
        .set('X-Forwarded-Proto', 'https')
        .expect(403);
    });

    it('hand Tilts the id nginx logs, and the guide’s jq filters find the request and the errors by it', async function () {
      assert.match(nginx, /^\s*proxy_set_header X-Request-Id \$request_id;$/m);
      const lines: string[] = [];
      const logger = pino(
        { level: 'info' },
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
            done();
          },
        }),
      );
      const { app } = await makeApp({}, { logger });
      const id = '6f1c0d9e8b7a6f5e4d3c2b1a0f9e8d7c'; // nginx's $request_id: 32 hex digits
      await request(app).get('/reports?q=Ezera').set('X-Request-Id', id).expect(200);
      await request(app).get('/no-such-page').expect(404);
      logger.error({ component: 'outbox' }, 'an error for the errors filter');
      await new Promise((resolve) => setImmediate(resolve));
      const mine = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => {
          const req = line.req as { id?: string } | undefined;
          return req?.id === id;
        });
      assert.equal(mine.length, 1);
      assert.deepEqual(mine[0]!.req, { id, method: 'GET', path: '/reports' }, 'no query string in the log');

      const jq = which('jq');
      if (!jq) this.skip(); // jq is not installed: the filters themselves are not run
      const guide = fs.readFileSync(path.join(ROOT_DIR, 'docs/operations.md'), 'utf8');
      const filter = (pattern: RegExp) => {
        const found = pattern.exec(guide);
        assert.ok(found, `the guide shows ${String(pattern)}`);
        return found[1]!;
      };
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-log-')), 'journal.jsonl');
      // A line that is not JSON, as a library's warning on standard error is in the journal.
      const notJson = '(node:1) NodeDeprecationNotice: a library warns on standard error';
      fs.writeFileSync(file, `${notJson}\n${lines.join('\n')}\n`);
      const select = async (expression: string) =>
        (await run(jq!, ['-cR', expression, file])).stdout.trim().split('\n').filter(Boolean);
      const byId = filter(/jq -cR '(fromjson\? \| select\(\.req\.id == "[^"]*"\))'/).replace(
        /"[^"]*"/,
        `"${id}"`,
      );
      assert.deepEqual(
        (await select(byId)).map((line) => (JSON.parse(line) as { req: unknown }).req),
        [mine[0]!.req],
      );
      const errors = await select(filter(/jq -cR '(fromjson\? \| select\(\.level >= 50\))'/));
      assert.deepEqual(
        errors.map((line) => (JSON.parse(line) as { msg: string }).msg),
        ['an error for the errors filter'],
      );
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    });

    it('pass nginx -t, when nginx is installed', async function () {
      const binary = which('nginx');
      if (!binary) this.skip(); // nginx is not installed on this machine
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilts-nginx-'));
      try {
        // A throw-away certificate in place of Let's Encrypt's, and the site inside a minimal nginx.conf.
        await run('openssl', [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=tilts.test',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
        ]);
        const site = nginx
          .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${path.join(dir, 'key.pem')};`)
          .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${path.join(dir, 'cert.pem')};`)
          .replaceAll('/var/log/nginx/', `${dir}/`);
        fs.writeFileSync(path.join(dir, 'site.conf'), site);
        fs.writeFileSync(
          path.join(dir, 'nginx.conf'),
          `pid ${dir}/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  include ${dir}/site.conf;\n}\n`,
        );
        await run(binary!, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('pass caddy validate, when Caddy is installed', async function () {
      const binary = which('caddy');
      if (!binary) this.skip(); // Caddy is not installed on this machine
      await run(binary!, [
        'validate',
        '--adapter',
        'caddyfile',
        '--config',
        path.join(ROOT_DIR, 'deploy/Caddyfile'),
      ]);
    });
  });
});
