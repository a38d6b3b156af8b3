import assert from 'node:assert/strict';
import { STATIC, UNMATCHED, methodLabel, routeLabel } from '../../../src/metrics/route-label.js';

describe('the route label of a request', () => {
  it('is the pattern Express matched, with the mount path of its router', () => {
    assert.equal(
      routeLabel({ route: { path: '/reports/:ref' }, baseUrl: '' }, '/reports/RZN-2026-00042'),
      '/reports/:ref',
    );
    assert.equal(
      routeLabel({ route: { path: '/:id' }, baseUrl: '/dev/mailbox' }, '/dev/mailbox/7'),
      '/dev/mailbox/:id',
    );
    assert.equal(
      routeLabel({ route: { path: '/' }, baseUrl: '/dev/mailbox' }, '/dev/mailbox'),
      '/dev/mailbox',
    );
    assert.equal(routeLabel({ route: { path: /^\/x\d+$/ }, baseUrl: '' }, '/x1'), '/^\\/x\\d+$/');
  });

  it('names a route once when its error went on to a handler mounted under the same path', () => {
    assert.equal(
      routeLabel(
        { route: { path: '/open311/v2/requests/:id.:format' }, baseUrl: '/open311/v2' },
        '/open311/v2/requests/RZN-2099-00001.json',
      ),
      '/open311/v2/requests/:id.:format',
    );
  });

  it('names a page the page cache answered by the route that renders it, never by its URL', () => {
    const cached = (path: string) => routeLabel({ baseUrl: '' }, path);
    assert.equal(cached('/reports/RZN-2026-00042'), '/reports/:ref');
    assert.equal(cached('/parishes/kaunatas'), '/parishes/:code');
    assert.equal(cached('/apvienibas/vilani'), '/apvienibas/:code');
    for (const path of ['/', '/reports', '/map', '/statistics', '/help']) assert.equal(cached(path), path);
  });

  it('gives everything else one fixed label: static files, and paths no route took', () => {
    const unrouted = (path: string) => routeLabel({ baseUrl: '' }, path);
    assert.equal(unrouted('/static/css/site.3f9a1c2b.css'), STATIC);
    for (const path of [
      '/nope',
      '/reports/RZN-x',
      '/reports/confirm/abcdefghijklmnopqrstuvwxyz',
      '/wp-login.php',
    ])
      assert.equal(unrouted(path), UNMATCHED, path);
  });

  it('keeps the method label to the usual verbs', () => {
    assert.equal(methodLabel('GET'), 'GET');
    assert.equal(methodLabel('POST'), 'POST');
    assert.equal(methodLabel('PROPFIND'), 'other');
  });
});
