/** The keys the catalogue's callers use. */
export const KEY_A = 'sk_test_catalogue_alpha_0001';
export const KEY_B = 'sk_test_catalogue_bravo_0002';

/** An answer as a caller reads it. */
export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: the catalogue reads arbitrary JSON answers
  body: any;
}

/**
 * A raw HTTP caller of the proxy (no SDK: the catalogue's answers break the contract on
 * purpose, and the SDK would refuse them before the test sees them).
 */
export function caller(baseURL: string, key = KEY_A) {
  const send = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const response = await fetch(`${baseURL}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return {
    send,
    create: (params: Record<string, unknown> = { image: 'node:22' }, headers?: Record<string, string>) =>
      send('POST', '/v1/sandboxes', params, headers),
    get: (id: string) => send('GET', `/v1/sandboxes/${id}`),
    list: (query = '') => send('GET', `/v1/sandboxes${query}`),
    pause: (id: string, headers?: Record<string, string>) =>
      send('POST', `/v1/sandboxes/${id}/pause`, undefined, headers),
    resume: (id: string) => send('POST', `/v1/sandboxes/${id}/resume`),
    terminate: (id: string) => send('DELETE', `/v1/sandboxes/${id}`),
  };
}

export type Caller = ReturnType<typeof caller>;
