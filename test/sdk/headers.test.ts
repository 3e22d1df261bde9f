import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../src/index.js';
import { API_KEY, client, fakeFetch, json, type SeenRequest, sandboxBody, settle } from './helpers.js';

/**
 * Issue 10, item 1: headers merge case-insensitively, in one order (client defaults, then
 * the SDK's own, then the call's; `undefined` removes), so no header is ever sent with two
 * joined values. `Headers.get` joins repeated values with ", ": a single value proves it.
 */

/** Every header the SDK sets, with the value it sets on a create. */
const OWN = ['Accept', 'Authorization', 'User-Agent', 'Content-Type', 'Idempotency-Key'] as const;

/** `name` in a mixed case nobody would type on purpose. */
const mixed = (name: string) =>
  [...name].map((char, index) => (index % 2 ? char.toUpperCase() : char.toLowerCase())).join('');

async function sentOnCreate(
  options: Parameters<typeof client>[1],
  headers?: Record<string, string | undefined>,
) {
  const { fetch, seen } = fakeFetch(() => json(201, sandboxBody()));
  await client(fetch, options).sandboxes.create({ image: 'node:22' }, headers ? { headers } : undefined);
  return (seen[0] as SeenRequest).headers;
}

describe('headers: one merge, case-insensitive, in one order', () => {
  it.each(OWN)('%s in mixed case in defaultHeaders: the SDK’s own value wins, sent once', async (name) => {
    const headers = await sentOnCreate({ defaultHeaders: { [mixed(name)]: 'from-defaults' } });
    const value = headers.get(name);
    expect(value).not.toBe('from-defaults');
    expect(value).not.toContain(',');
    expect(value).toBeTruthy();
  });

  it.each(OWN)('%s in mixed case per call: the call’s value wins, sent once', async (name) => {
    const headers = await sentOnCreate({}, { [mixed(name)]: 'from-call' });
    expect(headers.get(name)).toBe('from-call');
  });

  it.each(OWN)('%s: undefined per call removes it, whatever the case', async (name) => {
    const headers = await sentOnCreate({}, { [mixed(name)]: undefined });
    // Without one, fetch gives a string body its own Content-Type.
    if (name === 'Content-Type') expect(headers.get(name)).toBe('text/plain;charset=UTF-8');
    else expect(headers.has(name)).toBe(false);
  });

  it('the issue’s cases: Authorization from defaults is not joined to the key; a per-call Idempotency-Key replaces the generated one', async () => {
    const headers = await sentOnCreate(
      { defaultHeaders: { authorization: 'Bearer other' } },
      { 'idempotency-key': 'mine', 'content-type': 'application/json' },
    );
    expect(headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(headers.get('idempotency-key')).toBe('mine');
    expect(headers.get('content-type')).toBe('application/json');
  });

  it('client defaults go out when nothing replaces them, on every method; the call can replace them', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, sandboxBody()));
    const runra = client(fetch, { defaultHeaders: { 'X-Team': 'platform', 'x-trace': 'a' } });
    await runra.sandboxes.get('sb_1');
    await runra.sandboxes.get('sb_1', { headers: { 'X-TRACE': 'b', 'x-team': undefined } });
    expect(seen[0]?.headers.get('x-team')).toBe('platform');
    expect(seen[0]?.headers.get('x-trace')).toBe('a');
    expect(seen[1]?.headers.has('x-team')).toBe(false);
    expect(seen[1]?.headers.get('x-trace')).toBe('b');
  });

  it('a header value fetch cannot send is refused before sending, named but never quoted', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, sandboxBody()));
    const secret = 'Bearer sk_live_SEC\nRET';
    const { error } = await settle(
      client(fetch).sandboxes.get('sb_1', { headers: { Authorization: secret } }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain('"Authorization"');
    expect((error as Error).message).not.toContain('SEC');
    expect(seen).toHaveLength(0);
    expect(() => client(fetch, { defaultHeaders: { 'X-Bad': 'a\u2026' } })).toThrow(InvalidRequestError);
  });
});
