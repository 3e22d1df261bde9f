import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { APIError, Runra } from '../../src/index.js';
import { API_KEY, json, sandboxBody, settle } from './helpers.js';

/**
 * Issue 10, item 3: the API never redirects, so the SDK never follows. fetch would re-send
 * a 307/308 with its body (which may hold `env` secrets) to whatever origin `Location`
 * names. Real HTTP here (global fetch), so the test sees what reaches the other origin.
 */

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** A server on a free port recording each request it receives. */
async function serve(
  answer: (request: IncomingMessage, body: string) => [number, Record<string, string>, string],
) {
  const received: { method: string; url: string; body: string; authorization: string | undefined }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        body,
        authorization: request.headers.authorization,
      });
      const [status, headers, text] = answer(request, body);
      response.writeHead(status, headers).end(text);
    });
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received };
}

describe('redirects are never followed', () => {
  it.each([301, 302, 303, 307, 308])(
    'a %i to another origin is an APIError naming status and target; nothing reaches the target',
    async (status) => {
      const elsewhere = await serve(() => [
        201,
        { 'content-type': 'application/json' },
        JSON.stringify(sandboxBody()),
      ]);
      const target = `${elsewhere.url}/steal`;
      const api = await serve(() => [status, { location: target, 'x-request-id': 'req_redirect' }, '']);
      const runra = new Runra({ apiKey: API_KEY, baseURL: api.url, maxRetries: 2 });
      const { error } = await settle(
        runra.sandboxes.create({ image: 'node:22', env: { SECRET: 'hunter2' } }),
      );
      expect(error).toBeInstanceOf(APIError);
      const apiError = error as APIError;
      expect(apiError.code).toBe('UNEXPECTED_REDIRECT');
      expect(apiError.status).toBe(status);
      expect(apiError.requestId).toBe('req_redirect');
      expect(apiError.message).toContain(String(status));
      expect(apiError.message).toContain(target);
      expect(elsewhere.received).toHaveLength(0);
      // Final: not retried either.
      expect(api.received).toHaveLength(1);
    },
  );

  it('a browser’s opaque redirect (status 0, target hidden) is an APIError saying so', async () => {
    // What fetch gives in a browser for redirect: 'manual'; Node never produces one.
    const opaque = json(200, {});
    Object.defineProperties(opaque, {
      type: { value: 'opaqueredirect' },
      status: { value: 0 },
      ok: { value: false },
    });
    const runra = new Runra({
      apiKey: API_KEY,
      baseURL: 'https://api.test.runra',
      fetch: async () => opaque,
    });
    const { error } = await settle(runra.sandboxes.get('sb_1'));
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).code).toBe('UNEXPECTED_REDIRECT');
    expect((error as APIError).status).toBeUndefined();
    expect((error as APIError).message).toContain('redirect');
  });

  it('every request asks fetch not to follow (redirect: manual)', async () => {
    let mode: RequestRedirect | undefined;
    const runra = new Runra({
      apiKey: API_KEY,
      baseURL: 'https://api.test.runra',
      fetch: async (request) => {
        mode = request.redirect;
        return json(200, sandboxBody());
      },
    });
    await runra.sandboxes.get('sb_1');
    expect(mode).toBe('manual');
  });
});
