import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';

/*
 * A real nginx in front of a Tilts in a test, run from a throw-away folder as an ordinary user:
 * the configurations we ship (deploy/nginx.conf, README's example) are tested as nginx reads them.
 */

const run = promisify(execFile);

/** The nginx binary on this machine, or undefined (the test then skips). */
export function nginxBinary(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.map((dir) => path.join(dir, 'nginx')).find((file) => fs.existsSync(file));
}

/** A folder for one nginx, with a throw-away certificate for `name` (key.pem, cert.pem). */
export async function nginxFolder(prefix: string, name: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  await run('openssl', [
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${name}`],
    ...['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
  ]);
  return dir;
}

/** A request to the proxy over TLS as a browser makes it (the throw-away certificate is not checked). */
export function httpsGet(
  port: number,
  name: string,
  urlPath: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        headers: { Host: name, ...extra },
        servername: name,
        rejectUnauthorized: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
  });
}

/**
 * A POST to the proxy over TLS declaring `declared` bytes and sending `sent` of them (so a proxy's
 * limit can be met before the body arrives); the whole answer, status line first.
 */
export async function tlsPost(
  port: number,
  name: string,
  urlPath: string,
  body: { declared: number; sent: number },
  headers: string[] = [],
): Promise<string> {
  const socket = tls.connect({ host: '127.0.0.1', port, servername: name, rejectUnauthorized: false });
  await new Promise((resolve) => socket.once('secureConnect', resolve));
  socket.write(
    [
      `POST ${urlPath} HTTP/1.1`,
      `Host: ${name}`,
      `Content-Length: ${body.declared}`,
      ...headers,
      'Connection: close',
      '',
      '',
    ].join('\r\n'),
  );
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  for (let left = body.sent; left > 0; left -= chunk.length)
    socket.write(chunk.subarray(0, Math.min(left, chunk.length)));
  let answer = '';
  for await (const part of socket) answer += String(part);
  return answer;
}

/**
 * Starts nginx in `dir` with `site` (a server configuration) as its only site, its temporary
 * files and logs in `dir`, and waits until `https://127.0.0.1:<port>/healthz` answers.
 */
export async function startNginx(
  binary: string,
  dir: string,
  site: string,
  ready: { port: number; name: string },
): Promise<ChildProcess> {
  fs.writeFileSync(path.join(dir, 'site.conf'), site);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path ${path.join(dir, kind)};`)
    .join('\n');
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;\nmaster_process off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\n` +
      `http {\n  access_log off;\n${temp}\n  include ${dir}/site.conf;\n}\n`,
  );
  const nginx = spawn(binary, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  for (const deadline = Date.now() + 10_000; ;) {
    try {
      await httpsGet(ready.port, ready.name, '/healthz');
      return nginx;
    } catch (error) {
      if (Date.now() > deadline) {
        nginx.kill('SIGTERM');
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
