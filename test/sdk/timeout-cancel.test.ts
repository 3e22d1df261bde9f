import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { APIConnectionTimeoutError, Runra } from '../../src/index.js';
import { API_KEY } from './helpers.js';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A real HTTP server (so the real `fetch` runs) calling `onRequest` for each request. */
async function listen(onRequest: (request: IncomingMessage, respond: (body?: string) => void) => void) {
  const requests: IncomingMessage[] = [];
  server = createServer((request, response) => {
    requests.push(request);
    onRequest(request, (body) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      if (body) response.write(body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseURL: `http://127.0.0.1:${port}`, requests };
}

/** Whether the client closes the connection `request` came on within a second. */
const closedByClient = (request: IncomingMessage) =>
  new Promise<boolean>((resolve) => {
    if (request.socket.destroyed) return resolve(true);
    const deadline = setTimeout(() => resolve(false), 1000);
    request.socket.once('close', () => {
      clearTimeout(deadline);
      resolve(true);
    });
  });

describe('timeouts over real HTTP (global fetch): the request is really cancelled', () => {
  it('a response that never starts: the connection is closed at the timeout', async () => {
    const { baseURL, requests } = await listen(() => {});
    const runra = new Runra({ apiKey: API_KEY, baseURL, timeoutMs: 150, maxRetries: 0 });
    const started = Date.now();
    const error = await runra.sandboxes.get('sb_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(requests).toHaveLength(1);
    expect(await closedByClient(requests[0] as IncomingMessage)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a body that stalls after the headers: the connection is closed at the timeout', async () => {
    const { baseURL, requests } = await listen((_request, respond) => respond('{"id":"sb_1",'));
    const runra = new Runra({ apiKey: API_KEY, baseURL, timeoutMs: 150, maxRetries: 0 });
    const started = Date.now();
    const error = await runra.sandboxes.get('sb_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(await closedByClient(requests[0] as IncomingMessage)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
