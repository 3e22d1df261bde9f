import { toIso } from '../../../mock-server/machine/clock.js';
import { KEY_A, KEY_B } from '../caller.js';
import {
  CREATE,
  type Divergence,
  errorEnvelope,
  is,
  isGetOne,
  isList,
  now,
  ONE,
  PAUSE,
  RESUME,
  rewrite,
} from './helpers.js';

/** Answers of the right shape that the reference machine, in the mirrored state, does not give. */
export const BEHAVIOUR_DIVERGENCES: readonly Divergence[] = [
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
