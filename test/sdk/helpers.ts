import type { ClientOptions } from '../../src/index.js';
import { Runra } from '../../src/index.js';

/** The key every test client uses; no output may ever contain it. */
export const API_KEY = 'sk_test_Zq8sEcReT0nly4tests';
export const BASE_URL = 'https://api.test.runra';

/** What the fake server saw of one request. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  /** The attempt's signal: `init.signal` when the SDK passes one, else the Request's. */
  signal: AbortSignal;
  at: number;
}

export type Handler = (request: SeenRequest, index: number) => Response | Promise<Response>;

/** A fetch that records every request and answers with `handler`. */
export function fakeFetch(handler: Handler) {
  const seen: SeenRequest[] = [];
  const fetch = async (request: Request, init?: RequestInit): Promise<Response> => {
    const entry: SeenRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.text(),
      signal: init?.signal ?? request.signal,
      at: Date.now(),
    };
    seen.push(entry);
    return handler(entry, seen.length - 1);
  };
  return { fetch, seen };
}

/** A JSON response, with an `X-Request-Id` like the real server's. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_abcd1234', ...headers },
  });
}

/** The error envelope of the contract. */
export function apiError(
  status: number,
  code: string,
  details?: unknown,
  headers: Record<string, string> = {},
) {
  return json(
    status,
    { error: { code, message: `${code} happened`, details, requestId: 'req_err00001' } },
    headers,
  );
}

/** A full, valid sandbox body. */
export function sandboxBody(overrides: Record<string, unknown> = {}) {
  return {
    id: 'sb_x7k2m9p4q1w3v5b8n',
    state: 'running',
    image: 'node:22',
    resources: { cpu: 2, memoryMb: 4096, diskMb: 10240 },
    env: {},
    workdir: '/workspace',
    timeoutMs: 300000,
    idleTimeoutMs: 120000,
    metadata: {},
    network: { egress: { default: 'allow' } },
    createdAt: '2026-06-15T10:30:00.000Z',
    startedAt: '2026-06-15T10:30:00.000Z',
    ...overrides,
  };
}

/** A list item (no `env`). */
export function summaryBody(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    state: 'running',
    image: 'node:22',
    resources: { cpu: 2, memoryMb: 4096, diskMb: 10240 },
    metadata: {},
    createdAt: '2026-06-15T10:30:00.000Z',
    ...overrides,
  };
}

/** A client on the fake fetch. */
export function client(
  fetch: (request: Request, init?: RequestInit) => Promise<Response>,
  options: ClientOptions = {},
) {
  return new Runra({ apiKey: API_KEY, baseURL: BASE_URL, fetch, ...options });
}

/** Settles `promise` to `{ value }` or `{ error }` so that fake timers can run meanwhile. */
export function settle<T>(promise: PromiseLike<T>): Promise<{ value?: T; error?: unknown }> {
  return Promise.resolve(promise).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
