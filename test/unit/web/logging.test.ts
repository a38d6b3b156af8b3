import assert from 'node:assert/strict';
import request from 'supertest';
import { createLogger } from '../../../src/web/logging.js';
import { makeApp } from '../../support/app.js';

/** A logger as the app makes it, writing its lines here. */
function capture() {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

describe('the logs: no email address or phone number, wherever it comes from', () => {
  it('masks them in fields, nested fields, errors and the message, and keeps ids and report numbers', () => {
    const { logger, lines } = capture();
    const id = '26123456-aaaa-4bbb-8ccc-123456789012';
    logger.error(
      {
        req: { id, path: '/reports/RZN-2026-00042' },
        error: 'EENVELOPE 550 5.1.1 <olga.reject@inbox.test>: Recipient address rejected',
        err: new Error('duplicate key value: Key (email)=(anna@example.net), phone 29 123 456'),
        attempts: [{ to: 'janis%40example.org' }],
      },
      'could not send to %s, call +371 2912 3456',
      'ilze@example.org',
    );
    const line = lines.join('');
    for (const secret of ['olga.reject', 'anna@example.net', '29 123 456', 'janis%40', '2912 3456', 'ilze@'])
      assert.ok(!line.includes(secret), `${secret} in ${line}`);
    const logged = JSON.parse(line) as {
      level: number;
      msg: string;
      error: string;
      req: { id: string; path: string };
      err: { type: string; message: string; stack: string };
    };
    assert.equal(logged.req.id, id, 'an id stays an id');
    assert.equal(logged.req.path, '/reports/RZN-2026-00042', 'a report number is not a phone');
    assert.match(logged.error, /550 5\.1\.1 \[…\]: Recipient address rejected/);
    assert.match(logged.err.message, /Key \(email\)=\(\[…\]\)/);
    assert.equal(logged.err.type, 'Error');
    assert.match(logged.err.stack, /logging\.test/);
    assert.match(logged.msg, /could not send to \[…\], call \[…\]/);
    assert.equal(logged.level, 50);
  });

  it('keeps an error’s frames and the port before them as they are', () => {
    const { logger, lines } = capture();
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:25');
    refused.stack = `Error: ${refused.message}\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)`;
    logger.error({ err: refused }, 'could not send');
    const logged = JSON.parse(lines.join('')) as { err: { message: string; stack: string } };
    assert.equal(logged.err.stack, refused.stack);
    assert.equal(logged.err.message, refused.message);
  });

  it('masks a path someone typed with an address and a number in it', async () => {
    const { logger, lines } = capture();
    const context = await makeApp({}, { logger });
    await request(context.app).get('/x/janis.berzins@gmail.com/29123456').expect(404);
    const line = lines.find((one) => one.includes('request completed'));
    assert.ok(line, lines.join(''));
    assert.ok(!line.includes('janis.berzins') && !line.includes('29123456'), line);
    assert.match(line, /"path":"\/x\/\[…\]\/\[…\]"/);
  });

  it('takes no request id that reads as a phone number, and keeps a proxy’s own', async () => {
    const { logger, lines } = capture();
    const context = await makeApp({}, { logger });
    const proxy = '6f1c0d9e8b7a6f5e4d3c2b1a0f9e8d7c'; // nginx's $request_id: 32 hex digits
    await request(context.app).get('/reports').set('X-Request-Id', proxy).expect(200);
    for (const given of ['29123456', '29-12-34-56', '0037129123456'])
      await request(context.app).get('/no-such-page').set('X-Request-Id', given).expect(404);
    const ids = lines
      .filter((line) => line.includes('request completed'))
      .map((line) => (JSON.parse(line) as { req: { id: string } }).req.id);
    assert.equal(ids.length, 4);
    assert.equal(ids[0], proxy);
    for (const id of ids.slice(1)) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-/, `${id} is a new id`);
  });

  it('masks an address or a number written with percent-escapes in a path, and keeps other escapes', async () => {
    const { logger, lines } = capture();
    const context = await makeApp({}, { logger });
    for (const path of [
      '/x/janis%40example%2Eorg',
      '/x/janis%2540example.org',
      '/x/%32%39%31%32%33%34%35%36',
      '/x/%2B371%2029%20123%20456',
    ])
      await request(context.app).get(path).expect(404);
    await request(context.app).get('/x/R%C4%93zekne%20un%20Vi%C4%BC%C4%81ni').expect(404);
    const paths = lines
      .filter((one) => one.includes('request completed'))
      .map((one) => (JSON.parse(one) as { req: { path: string } }).req.path);
    assert.deepEqual(paths, [
      '/x/[…]',
      '/x/[…]',
      '/x/[…]',
      '/x/[…]',
      '/x/R%C4%93zekne%20un%20Vi%C4%BC%C4%81ni',
    ]);
  });
});
