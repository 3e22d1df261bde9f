import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { hostCheck, isLoopbackHost } from '../../../mock-server/node/host-check.js';
import { type MockServer, startMockServer } from '../../../mock-server/node/server.js';

const servers: MockServer[] = [];
async function start(options: Parameters<typeof startMockServer>[0] = {}): Promise<MockServer> {
  const server = await startMockServer(options);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A GET to the server with the given headers (node:http lets a test set `Host`, as a browser does). */
function get(server: MockServer, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = httpRequest(`${server.url}${path}`, { headers }, (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('node server: Host check against DNS rebinding', () => {
  it('a request addressed to another name is refused on every path, before the mock sees it', async () => {
    const server = await start({ clock: 'manual' });
    // What a page on evil.example sends once evil.example resolves to 127.0.0.1: it is
    // same-origin with itself, so only the Host tells it apart.
    const rebound = `evil.example:${server.port}`;
    for (const path of ['/_mock/state', '/_mock/requests', '/v1/sandboxes', '/openapi.json']) {
      const answer = await get(server, path, {
        host: rebound,
        'sec-fetch-site': 'same-origin',
        authorization: 'Bearer sk_test_1',
      });
      expect(answer.status, path).toBe(403);
      const body = JSON.parse(answer.body);
      expect(body.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'host', host: rebound } });
      expect(body.error.message).toContain('--allow-host');
      expect(answer.headers['x-request-id']).toBe(body.error.requestId);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    for (const host of ['127.0.0.1.evil.example', 'localhost.evil.example', 'evil.example@127.0.0.1']) {
      expect((await get(server, '/_mock/state', { host })).status, host).toBe(403);
    }
    expect(server.api.journal.entries()).toEqual([]);
  });

  it('IP addresses, localhost, *.localhost and the names given in allowedHosts pass', async () => {
    const server = await start({ clock: 'manual', allowedHosts: ['mock', 'Runra-Mock.internal'] });
    const port = server.port;
    for (const host of [
      `127.0.0.1:${port}`,
      `10.1.2.3:${port}`,
      `[::1]:${port}`,
      `localhost:${port}`,
      'LOCALHOST',
      `app.localhost:${port}`,
      `mock:${port}`,
      'MOCK.',
      `runra-mock.internal:${port}`,
    ]) {
      expect((await get(server, '/_mock/clock', { host })).status, host).toBe(200);
    }
    expect((await get(server, '/_mock/clock', { host: `other:${port}` })).status).toBe(403);
  });

  it("allowedHosts: ['*'] turns the check off; the bound name is always allowed", async () => {
    const open = await start({ allowedHosts: ['*'] });
    expect((await get(open, '/_mock/clock', { host: 'anything.example' })).status).toBe(200);
    const named = await start({ host: 'localhost' });
    expect((await get(named, '/_mock/clock', { host: `localhost:${named.port}` })).status).toBe(200);
    expect(hostCheck('my-laptop', [])('my-laptop:4010')).toBe(true);
    expect(hostCheck('my-laptop', [])('your-laptop:4010')).toBe(false);
  });

  it('isLoopbackHost: 127.0.0.0/8, ::1 and localhost are loopback; wildcards and LAN addresses are not', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'my-laptop'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
