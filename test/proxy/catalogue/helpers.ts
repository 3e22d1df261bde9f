import type { MockApiOptions } from '../../../mock-server/index.js';
import { toIso } from '../../../mock-server/machine/clock.js';
import type { Caller } from '../caller.js';
import type { Alteration, FakeUpstream, Seen, Wire } from '../fake-upstream.js';

/** One deliberate divergence: what the fake upstream does wrong, the traffic, and the finding expected. */
export interface Divergence {
  name: string;
  options?: MockApiOptions;
  alteration: Alteration;
  steps(context: { a: Caller; b: Caller; upstream: FakeUpstream }): Promise<void>;
  expect: { kind: 'shape' | 'behaviour'; path: string };
}

// biome-ignore lint/suspicious/noExplicitAny: alterations rewrite arbitrary JSON answers
export type Json = any;

export const isGetOne = (seen: Seen) => seen.method === 'GET' && /^\/v1\/sandboxes\/sb_/.test(seen.path);
export const isList = (seen: Seen) => seen.method === 'GET' && /^\/v1\/sandboxes(\?|$)/.test(seen.path);
export const is = (method: string, pattern: RegExp, nth?: number) => (seen: Seen) =>
  seen.method === method && pattern.test(seen.path) && (nth === undefined || seen.nth === nth);
export const PAUSE = /^\/v1\/sandboxes\/sb_\w+\/pause$/;
export const RESUME = /^\/v1\/sandboxes\/sb_\w+\/resume$/;
export const CREATE = /^\/v1\/sandboxes$/;
export const ONE = /^\/v1\/sandboxes\/sb_\w+$/;

/** Rewrites the body (a copy) of answers that match `when`. */
export const rewrite =
  (
    when: (seen: Seen, wire: Wire) => boolean,
    change: (body: Json, wire: Wire, api: FakeUpstream['api']) => void,
  ) =>
  (seen: Seen, wire: Wire, api: FakeUpstream['api']): Wire | undefined => {
    if (!when(seen, wire)) return undefined;
    const body = structuredClone(wire.body) as Json;
    const out: Wire = { ...wire, headers: { ...wire.headers }, body };
    change(body, out, api);
    return out;
  };

export const headerless = (when: (seen: Seen, wire: Wire) => boolean, header: string): Alteration => ({
  response: (seen, wire) => {
    if (!when(seen, wire)) return undefined;
    const headers = { ...wire.headers };
    delete headers[header];
    return { ...wire, headers };
  },
});

export const now = (api: FakeUpstream['api']) => toIso(api.clock.now());
export const errorEnvelope = (wire: Wire, status: number, code: string, details: unknown = {}): Wire => ({
  status,
  headers: { ...wire.headers, 'content-type': 'application/json' },
  body: { error: { code, message: 'fabricated', details, requestId: wire.headers['x-request-id'] } },
});
