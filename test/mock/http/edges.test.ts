import { describe, expect, it } from 'vitest';
import { KEY, setup } from './helpers.js';

/** Each API path, with the methods it serves (HEAD goes with GET). */
const API_PATHS: [string, string[]][] = [
  ['/v1/sandboxes', ['GET', 'HEAD', 'POST', 'OPTIONS']],
  ['/v1/sandboxes/sb_abcdefghijklmnopq', ['GET', 'HEAD', 'DELETE', 'OPTIONS']],
  ['/v1/sandboxes/sb_abcdefghijklmnopq/pause', ['POST', 'OPTIONS']],
  ['/v1/sandboxes/sb_abcdefghijklmnopq/resume', ['POST', 'OPTIONS']],
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'FOO'];

describe('http edges an independent fuzzer found', () => {
  it.each(API_PATHS)(
    'Allow on %s names exactly its methods, the same in OPTIONS and in every 405',
    async (path, methods) => {
      const { call } = setup();
      const allow = methods.join(', ');
      const options = await call('OPTIONS', path, { headers: { origin: 'https://app.example' } });
      expect(options.status).toBe(204);
      expect(options.headers.get('allow')).toBe(allow);
      expect(options.headers.get('access-control-allow-methods')).toBe(allow);
      expect(options.headers.get('access-control-allow-origin')).toBe('*');
      for (const method of METHODS) {
        const answer = await call(method, path);
        if (methods.includes(method)) {
          expect(answer.status, `${method} ${path}`).not.toBe(405);
        } else {
          expect(answer.status, `${method} ${path}`).toBe(405);
          expect(answer.headers.get('allow')).toBe(allow);
          if (method !== 'HEAD') expect(answer.json.error.details.allow).toEqual(methods);
        }
      }
    },
  );

  it('no /v1 route has PUT: PUT answers 405 everywhere, and no Allow header lists it', async () => {
    const { call } = setup();
    for (const [path] of API_PATHS) {
      const answer = await call('PUT', path, { body: {} });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).not.toContain('PUT');
    }
  });

  it('an unknown method on an unknown path, and OPTIONS on one, answer 404 NOT_FOUND', async () => {
    const { call } = setup();
    for (const method of ['FOO', 'OPTIONS', 'GET']) {
      const answer = await call(method, '/v1/nothing/here');
      expect(answer.status, method).toBe(404);
      expect(answer.json.error.code).toBe('NOT_FOUND');
    }
  });

  it('a 401 carries WWW-Authenticate: Bearer (RFC 9110), whatever the reason', async () => {
    const { call } = setup({ apiKeys: [KEY] });
    for (const init of [{ key: null }, { key: 'not a key' }, { key: 'sk_unknown_0001' }]) {
      const answer = await call('GET', '/v1/sandboxes', init);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="runra"');
    }
    expect((await call('GET', '/v1/sandboxes')).headers.get('www-authenticate')).toBeNull();
  });
});
