import { createMockApi, type MockApiOptions } from '../../../mock-server/api.js';

export const BASE = 'https://api.box.runra.dev';
export const KEY = 'sk_test_http_0001';

/** A mock on a manual clock with a helper that sends JSON requests as the given key. */
export function setup(options: MockApiOptions = {}) {
  const api = createMockApi({ clock: 'manual', seed: 11, ...options });
  const call = async (
    method: string,
    path: string,
    init: { body?: unknown; raw?: BodyInit; key?: string | null; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.key !== null) headers.authorization = `Bearer ${init.key ?? KEY}`;
    let body: BodyInit | undefined = init.raw;
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.body);
    }
    const response = await api.fetch(
      new Request(`${BASE}${path}`, { method, headers, ...(body === undefined ? {} : { body }) }),
    );
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: test helper reads arbitrary JSON
    const json: any = text ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, json };
  };
  return { api, call };
}
