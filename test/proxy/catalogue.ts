import type { MockApiOptions } from '../../mock-server/index.js';
import { toIso } from '../../mock-server/machine/clock.js';
import { type Caller, KEY_A, KEY_B } from './caller.js';
import type { Alteration, FakeUpstream, Seen, Wire } from './fake-upstream.js';

/** One deliberate divergence: what the fake upstream does wrong, the traffic, and the finding expected. */
export interface Divergence {
  name: string;
  options?: MockApiOptions;
  alteration: Alteration;
  steps(context: { a: Caller; b: Caller; upstream: FakeUpstream }): Promise<void>;
  expect: { kind: 'shape' | 'behaviour'; path: string };
}

// biome-ignore lint/suspicious/noExplicitAny: alterations rewrite arbitrary JSON answers
type Json = any;

const isGetOne = (seen: Seen) => seen.method === 'GET' && /^\/v1\/sandboxes\/sb_/.test(seen.path);
const isList = (seen: Seen) => seen.method === 'GET' && /^\/v1\/sandboxes(\?|$)/.test(seen.path);
const is = (method: string, pattern: RegExp, nth?: number) => (seen: Seen) =>
  seen.method === method && pattern.test(seen.path) && (nth === undefined || seen.nth === nth);
const PAUSE = /^\/v1\/sandboxes\/sb_\w+\/pause$/;
const RESUME = /^\/v1\/sandboxes\/sb_\w+\/resume$/;
const CREATE = /^\/v1\/sandboxes$/;
const ONE = /^\/v1\/sandboxes\/sb_\w+$/;

/** Rewrites the body (a copy) of answers that match `when`. */
const rewrite =
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

const headerless = (when: (seen: Seen, wire: Wire) => boolean, header: string): Alteration => ({
  response: (seen, wire) => {
    if (!when(seen, wire)) return undefined;
    const headers = { ...wire.headers };
    delete headers[header];
    return { ...wire, headers };
  },
});

const now = (api: FakeUpstream['api']) => toIso(api.clock.now());
const errorEnvelope = (wire: Wire, status: number, code: string, details: unknown = {}): Wire => ({
  status,
  headers: { ...wire.headers, 'content-type': 'application/json' },
  body: { error: { code, message: 'fabricated', details, requestId: wire.headers['x-request-id'] } },
});

/** The catalogue of divergences the proxy must report, each on the right exchange and field. */
export const CATALOGUE: readonly Divergence[] = [
  {
    name: 'a missing field (GET without workdir)',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => delete body.workdir,
      ),
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body.workdir' },
  },
  {
    name: 'a mistyped field (resources.cpu as a string)',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => {
          body.resources.cpu = String(body.resources.cpu);
        },
      ),
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body.resources.cpu' },
  },
  {
    name: 'an unknown error code (WRONG_STATE for a pause of a paused sandbox)',
    alteration: { response: rewrite(is('POST', PAUSE, 2), (body) => (body.error.code = 'WRONG_STATE')) },
    steps: async ({ a }) => {
      const { id } = (await a.create()).body;
      await a.pause(id);
      await a.pause(id);
    },
    expect: { kind: 'shape', path: 'body.error.code' },
  },
  {
    name: 'the wrong status for a state (a pause of a paused sandbox answered 200)',
    alteration: {
      response: (seen, wire, api) => {
        if (!is('POST', PAUSE, 2)(seen)) return undefined;
        const id = seen.path.split('/')[3]!;
        const sandbox = api.machine.get(KEY_A, id);
        if (!sandbox.ok) return undefined;
        const pausedAt = now(api);
        const runtimeDurationMs = Date.parse(pausedAt) - Date.parse(sandbox.value.createdAt);
        return { ...wire, status: 200, body: { id, state: 'paused', pausedAt, runtimeDurationMs } };
      },
    },
    steps: async ({ a, upstream }) => {
      const { id } = (await a.create()).body;
      await a.pause(id);
      upstream.api.clock.advance(1000);
      await a.pause(id);
    },
    expect: { kind: 'behaviour', path: 'status' },
  },
  {
    name: 'a state change that should not happen (running shown terminated, no call, lifetime far)',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => {
          body.state = 'terminated';
          body.terminatedAt = toIso(Date.parse(body.createdAt) + 1000);
        },
      ),
    },
    steps: async ({ a, upstream }) => {
      const { id } = (await a.create({ image: 'node:22', idleTimeoutMs: 0 })).body;
      upstream.api.clock.advance(5000);
      await a.get(id);
    },
    expect: { kind: 'behaviour', path: 'body.state' },
  },
  {
    name: 'wrong duration arithmetic (runtimeDurationMs off by a second)',
    alteration: { response: rewrite(is('POST', PAUSE), (body) => (body.runtimeDurationMs += 1000)) },
    steps: async ({ a, upstream }) => {
      const { id } = (await a.create()).body;
      upstream.api.clock.advance(60_000);
      await a.pause(id);
    },
    expect: { kind: 'behaviour', path: 'body.runtimeDurationMs' },
  },
  {
    name: 'a pagination total that disagrees with the items',
    alteration: {
      response: rewrite(
        (seen) => isList(seen),
        (body) => (body.pagination.total += 2),
      ),
    },
    steps: async ({ a }) => {
      for (let i = 0; i < 3; i++) await a.create();
      await a.list();
    },
    expect: { kind: 'behaviour', path: 'body.pagination.total' },
  },
  {
    name: 'a missing X-Request-Id',
    alteration: headerless((seen) => isGetOne(seen), 'x-request-id'),
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'headers.x-request-id' },
  },
  {
    name: 'a 429 without Retry-After',
    options: { createRateLimit: { limit: 1, windowMs: 60_000 } },
    alteration: headerless((_seen, wire) => wire.status === 429, 'retry-after'),
    steps: async ({ a }) => {
      await a.create();
      await a.create();
    },
    expect: { kind: 'shape', path: 'headers.retry-after' },
  },
  {
    name: 'a 503 without Retry-After',
    options: { capacityCpu: 2 },
    alteration: headerless((_seen, wire) => wire.status === 503, 'retry-after'),
    steps: async ({ a }) => {
      await a.create();
      await a.create();
    },
    expect: { kind: 'shape', path: 'headers.retry-after' },
  },
  {
    name: 'a Retry-After that disagrees with details.retryAfterMs',
    options: { createRateLimit: { limit: 1, windowMs: 60_000 } },
    alteration: {
      response: (_seen, wire) =>
        wire.status === 429 ? { ...wire, headers: { ...wire.headers, 'retry-after': '999' } } : undefined,
    },
    steps: async ({ a }) => {
      await a.create();
      await a.create();
    },
    expect: { kind: 'shape', path: 'headers.retry-after' },
  },
  {
    name: 'an error requestId that is not the X-Request-Id',
    alteration: {
      response: rewrite(
        (_seen, wire) => wire.status === 404,
        (body) => (body.error.requestId = 'req_zzzzzzzz'),
      ),
    },
    steps: async ({ a }) => void (await a.get('sb_aaaaaaaaaaaaaaaaa')),
    expect: { kind: 'shape', path: 'body.error.requestId' },
  },
  {
    name: 'a status that is not its code’s (SANDBOX_NOT_FOUND answered 400)',
    alteration: { response: (_seen, wire) => (wire.status === 404 ? { ...wire, status: 400 } : undefined) },
    steps: async ({ a }) => void (await a.get('sb_aaaaaaaaaaaaaaaaa')),
    expect: { kind: 'shape', path: 'status' },
  },
  {
    name: 'an error code the operation never answers (RATE_LIMITED on a get)',
    alteration: {
      response: (seen, wire) => {
        if (!isGetOne(seen) || wire.status !== 200) return undefined;
        const out = errorEnvelope(wire, 429, 'RATE_LIMITED', { retryAfterMs: 1000 });
        out.headers['retry-after'] = '1';
        return out;
      },
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body.error.code' },
  },
  {
    name: 'env in a list item',
    alteration: {
      response: rewrite(
        (seen) => isList(seen),
        (body) => (body.data[0].env = { SECRET: 'x' }),
      ),
    },
    steps: async ({ a }) => {
      await a.create({ image: 'node:22', env: { SECRET: 'x' } });
      await a.list();
    },
    expect: { kind: 'shape', path: 'body.data.0.env' },
  },
  {
    name: 'a timestamp without milliseconds',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => (body.createdAt = body.createdAt.replace(/\.\d{3}Z$/, 'Z')),
      ),
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body.createdAt' },
  },
  {
    name: 'a malformed sandbox id',
    alteration: { response: rewrite(is('POST', CREATE), (body) => (body.id = 'sb_123')) },
    steps: async ({ a }) => void (await a.create()),
    expect: { kind: 'shape', path: 'body.id' },
  },
  {
    name: 'a state this contract does not know',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => (body.state = 'sleeping'),
      ),
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body.state' },
  },
  {
    name: 'a content type that is not JSON',
    alteration: {
      response: (seen, wire) =>
        isGetOne(seen) ? { ...wire, headers: { ...wire.headers, 'content-type': 'text/plain' } } : undefined,
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'headers.content-type' },
  },
  {
    name: 'a body that is not JSON',
    alteration: { response: (seen, wire) => (isGetOne(seen) ? { ...wire, raw: 'OK' } : undefined) },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'shape', path: 'body' },
  },
  {
    name: 'a 405 without Allow',
    alteration: headerless((_seen, wire) => wire.status === 405, 'allow'),
    steps: async ({ a }) => void (await a.send('PUT', '/v1/sandboxes', {})),
    expect: { kind: 'shape', path: 'headers.allow' },
  },
  {
    name: 'an invalid create body accepted (cpu 3 answered 201)',
    alteration: {
      request: (seen, request) =>
        is('POST', CREATE)(seen)
          ? new Request(request.url, {
              method: 'POST',
              headers: request.headers,
              body: JSON.stringify({ image: 'node:22' }),
            })
          : undefined,
      response: () => undefined,
    },
    steps: async ({ a }) => void (await a.create({ image: 'node:22', resources: { cpu: 3 } })),
    expect: { kind: 'shape', path: 'request.body.resources.cpu' },
  },
  {
    name: 'another key’s sandbox shown (tenancy)',
    alteration: {
      response: (seen, wire, api) => {
        if (!isGetOne(seen) || !seen.headers.get('authorization')?.includes(KEY_B)) return undefined;
        const sandbox = api.machine.get(KEY_A, seen.path.split('/')[3]!);
        return sandbox.ok ? { ...wire, status: 200, body: sandbox.value } : undefined;
      },
    },
    steps: async ({ a, b }) => void (await b.get((await a.create()).body.id)),
    expect: { kind: 'behaviour', path: 'status' },
  },
  {
    name: 'another key’s sandbox listed (tenancy)',
    alteration: {
      response: (seen, wire, api) => {
        if (!isList(seen) || !seen.headers.get('authorization')?.includes(KEY_B)) return undefined;
        const theirs = api.machine.list(KEY_A, {});
        return theirs.ok ? { ...wire, body: theirs.value } : undefined;
      },
    },
    steps: async ({ a, b }) => {
      await a.create();
      await b.create();
      await b.list();
    },
    expect: { kind: 'behaviour', path: 'body.data.0.id' },
  },
  {
    name: 'a list filter not applied (a running sandbox in state=paused)',
    alteration: {
      response: rewrite(
        (seen) => isList(seen) && seen.path.includes('state=paused'),
        (body, _wire, api) => {
          const running = api.machine.list(KEY_A, { state: 'running' });
          if (!running.ok) return;
          body.data.push(running.value.data[0]);
          body.pagination.total += 1;
        },
      ),
    },
    steps: async ({ a }) => {
      await a.create();
      const paused = (await a.create()).body.id;
      await a.pause(paused);
      await a.list('?state=paused');
    },
    expect: { kind: 'behaviour', path: 'body.data.1' },
  },
  {
    name: 'a list in the wrong order (oldest first)',
    alteration: {
      response: rewrite(
        (seen) => isList(seen),
        (body) => body.data.reverse(),
      ),
    },
    steps: async ({ a, upstream }) => {
      for (let i = 0; i < 3; i++) {
        await a.create();
        upstream.api.clock.advance(1000);
      }
      await a.list();
    },
    expect: { kind: 'behaviour', path: 'body.data' },
  },
  {
    name: 'a list limit not echoed',
    alteration: {
      response: rewrite(
        (seen) => isList(seen),
        (body) => (body.pagination.limit = 20),
      ),
    },
    steps: async ({ a }) => {
      await a.create();
      await a.list('?limit=5');
    },
    expect: { kind: 'behaviour', path: 'body.pagination.limit' },
  },
  {
    name: 'hasMore wrong on a full first page',
    alteration: {
      response: rewrite(
        (seen) => isList(seen),
        (body) => (body.pagination.hasMore = false),
      ),
    },
    steps: async ({ a }) => {
      for (let i = 0; i < 3; i++) await a.create();
      await a.list('?limit=2');
    },
    expect: { kind: 'behaviour', path: 'body.pagination.hasMore' },
  },
  {
    name: 'a list item whose image changed',
    alteration: {
      response: rewrite(
        (seen) => isList(seen),
        (body) => (body.data[0].image = 'python:3.12'),
      ),
    },
    steps: async ({ a }) => {
      await a.create();
      await a.list();
    },
    expect: { kind: 'behaviour', path: 'body.data.0.image' },
  },
  {
    name: 'an idempotent create replayed as a new sandbox',
    alteration: {
      request: (seen, request) => {
        if (!is('POST', CREATE, 2)(seen)) return undefined;
        const headers = new Headers(request.headers);
        headers.delete('idempotency-key');
        return new Request(request, { headers });
      },
      response: () => undefined,
    },
    steps: async ({ a }) => {
      await a.create({ image: 'node:22' }, { 'idempotency-key': 'catalogue-once' });
      await a.create({ image: 'node:22' }, { 'idempotency-key': 'catalogue-once' });
    },
    expect: { kind: 'behaviour', path: 'body.id' },
  },
  {
    name: 'a repeated terminate with new figures (not idempotent)',
    alteration: {
      response: rewrite(is('DELETE', ONE, 2), (body, _wire, api) => {
        body.terminatedAt = now(api);
        body.totalRuntimeMs += 5000;
      }),
    },
    steps: async ({ a, upstream }) => {
      const { id } = (await a.create()).body;
      await a.terminate(id);
      upstream.api.clock.advance(5000);
      await a.terminate(id);
    },
    expect: { kind: 'behaviour', path: 'body.terminatedAt' },
  },
  {
    name: 'wrong pausedDurationMs on resume',
    alteration: { response: rewrite(is('POST', RESUME), (body) => (body.pausedDurationMs += 1)) },
    steps: async ({ a, upstream }) => {
      const { id } = (await a.create()).body;
      await a.pause(id);
      upstream.api.clock.advance(1000);
      await a.resume(id);
    },
    expect: { kind: 'behaviour', path: 'body.pausedDurationMs' },
  },
  {
    name: 'a resume of a paused sandbox refused with 409',
    alteration: {
      response: (seen, wire) =>
        is('POST', RESUME)(seen)
          ? errorEnvelope(wire, 409, 'INVALID_STATE', {
              sandboxId: seen.path.split('/')[3],
              currentState: 'paused',
            })
          : undefined,
    },
    steps: async ({ a }) => {
      const { id } = (await a.create()).body;
      await a.pause(id);
      await a.resume(id);
    },
    expect: { kind: 'behaviour', path: 'status' },
  },
  {
    name: 'INVALID_STATE details naming the wrong state',
    alteration: {
      response: rewrite(is('POST', PAUSE, 2), (body) => (body.error.details.currentState = 'running')),
    },
    steps: async ({ a }) => {
      const { id } = (await a.create()).body;
      await a.pause(id);
      await a.pause(id);
    },
    expect: { kind: 'behaviour', path: 'body.error.details.currentState' },
  },
  {
    name: 'INVALID_CONFIG details missing an offending field',
    alteration: {
      response: rewrite(
        (_seen, wire) => wire.status === 400,
        (body) => {
          body.error.details.issues = body.error.details.issues.slice(0, 1);
        },
      ),
    },
    steps: async ({ a }) => void (await a.create({ image: 'node:22', resources: { cpu: 3, memoryMB: 1 } })),
    expect: { kind: 'behaviour', path: 'body.error.details.issues' },
  },
  {
    name: 'a 404 for a sandbox that exists',
    alteration: {
      response: (seen, wire) =>
        isGetOne(seen) && wire.status === 200
          ? errorEnvelope(wire, 404, 'SANDBOX_NOT_FOUND', { sandboxId: seen.path.split('/')[3] })
          : undefined,
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'behaviour', path: 'status' },
  },
  {
    name: 'an immutable field changed (image)',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => (body.image = 'python:3.12'),
      ),
    },
    steps: async ({ a }) => void (await a.get((await a.create()).body.id)),
    expect: { kind: 'behaviour', path: 'body.image' },
  },
  {
    name: 'an idle pause long before the idle timeout',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => {
          body.state = 'paused';
          body.pausedAt = toIso(Date.parse(body.createdAt) + 1000);
        },
      ),
    },
    steps: async ({ a, upstream }) => {
      const { id } = (await a.create()).body;
      upstream.api.clock.advance(2000);
      await a.get(id);
    },
    expect: { kind: 'behaviour', path: 'body.state' },
  },
  {
    name: 'a terminated sandbox running again',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => {
          body.state = 'running';
          delete body.terminatedAt;
        },
      ),
    },
    steps: async ({ a }) => {
      const { id } = (await a.create()).body;
      await a.terminate(id);
      await a.get(id);
    },
    expect: { kind: 'behaviour', path: 'body.state' },
  },
  {
    name: 'a wrong default applied on create (idleTimeoutMs)',
    alteration: { response: rewrite(is('POST', CREATE), (body) => (body.idleTimeoutMs = 60_000)) },
    steps: async ({ a }) => void (await a.create()),
    expect: { kind: 'behaviour', path: 'body.idleTimeoutMs' },
  },
  {
    name: 'a lifetime that does not end (running after createdAt + timeoutMs)',
    alteration: {
      response: rewrite(
        (seen) => isGetOne(seen),
        (body) => {
          body.state = 'running';
          delete body.terminatedAt;
        },
      ),
    },
    steps: async ({ a, b, upstream }) => {
      const { id } = (await a.create({ image: 'node:22', timeoutMs: 60_000, idleTimeoutMs: 0 })).body;
      upstream.api.clock.advance(120_000);
      // Another sandbox's create shows the proxy the upstream's time has moved on.
      await b.create();
      await a.get(id);
    },
    expect: { kind: 'behaviour', path: 'body.state' },
  },
];
