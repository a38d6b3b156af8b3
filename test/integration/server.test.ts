import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { startServer } from '../support/server.js';

describe('the server process', function () {
  // npm start builds dist/ first when the sources are newer: up to a few minutes on a busy machine.
  this.timeout(360_000);

  // How long the start and the stop take is a figure of bench/timings.ts; here, that it stops cleanly.
  it('serves the home page from npm start, stops on SIGTERM to npm with exit code 0, and keeps its data', async () => {
    const first = await startServer({}, 300_000, { viaNpmStart: true });
    const home = await fetch(`${first.url}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /<html lang="lv">/);
    assert.equal(await first.stop('SIGTERM'), 0, first.output());

    const second = await startServer({ DATA_DIR: first.dataDir });
    assert.doesNotMatch(second.output(), /migrations applied/, 'the schema was kept');
    assert.equal((await fetch(`${second.url}/healthz`)).status, 200);
    assert.equal(await second.stop('SIGINT'), 0);
  });

  it('lets an upload under way finish when it is told to stop, then exits cleanly', async () => {
    const server = await startServer();
    const boundary = 'tilts-slow-upload';
    const photo = Buffer.alloc(200_000, 7);
    // A phone on a slow link: the form's words, then its photo in pieces over about six seconds.
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${server.url}/reports`, {
        method: 'POST',
        headers: {
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          Origin: server.url,
        },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBedre-4471\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n` +
          'Content-Type: image/jpeg\r\n\r\n',
      );
      void (async () => {
        for (let piece = 0; piece < 12; piece++) {
          req.write(photo.subarray(piece * 16_000, (piece + 1) * 16_000 + (piece === 11 ? 8_000 : 0)));
          await new Promise((wait) => setTimeout(wait, 500));
        }
        req.end(`\r\n--${boundary}--\r\n`);
      })().catch(reject);
    });
    await new Promise((wait) => setTimeout(wait, 1_000));
    const stopped = server.stop('SIGTERM');
    const { status, body } = await answer;
    // Answered as any resident is: the form again, with what they typed (it lacks the other fields).
    assert.equal(status, 422, body.slice(0, 500));
    assert.match(body, /Bedre-4471/);
    assert.equal(await stopped, 0, server.output());
  });

  it('refuses to start with PORT=abc and names PORT', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { PATH: process.env.PATH, PORT: 'abc' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /PORT/);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  });

  it('creates the schema and reference data on an empty PostgreSQL database named by DATABASE_URL', async function () {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) this.skip();
    const admin = new URL(url);
    const name = `tilts_start_${process.pid}`;
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`drop database if exists ${name}`);
    await client.query(`create database ${name}`);
    try {
      const target = new URL(url);
      target.pathname = `/${name}`;
      const server = await startServer({ DATABASE_URL: target.toString() });
      const text = await (await fetch(`${server.url}/?lang=en`)).text();
      assert.equal((text.match(/data-qa="parish"/g) ?? []).length, 29);
      assert.equal(await server.stop(), 0);
    } finally {
      await client.query(`drop database if exists ${name}`);
      await client.end();
    }
  });
});
