/**
 * Races over HTTP: simultaneous transitions of one sandbox, and a burst of creates.
 * Storms are random (fast-check); replay one with RELIABILITY_SEED / RELIABILITY_PATH
 * (see model-based.test.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { type APIError, InvalidStateError, Runra } from '../../src/index.js';
import { replayParameters } from './replay.js';

let server: MockServer;
let runra: Runra;
beforeAll(async () => {
  server = await startMockServer({ clock: 'manual', seed: 11, port: 0 });
  runra = new Runra({ apiKey: 'sk_test_races_0001', baseURL: server.url });
});
beforeEach(() => server.api.reset());
afterAll(() => server.close());

const SIMULTANEOUS = 20;

async function outcomes<T>(calls: PromiseLike<T>[]): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(calls);
}

describe('races: simultaneous transitions of one sandbox', () => {
  it(`pause: ${SIMULTANEOUS} simultaneous pauses give exactly one success and ${SIMULTANEOUS - 1} InvalidStateError`, async () => {
    const sandbox = await runra.sandboxes.create({ image: 'node:22' });
    const results = await outcomes(
      Array.from({ length: SIMULTANEOUS }, () => runra.sandboxes.pause(sandbox.id)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(SIMULTANEOUS - 1);
    for (const error of lost) {
      expect(error).toBeInstanceOf(InvalidStateError);
      expect((error as InvalidStateError).details.currentState).toBe('paused');
    }
    expect((await runra.sandboxes.get(sandbox.id)).state).toBe('paused');
  });

  it(`resume: ${SIMULTANEOUS} simultaneous resumes give exactly one success and ${SIMULTANEOUS - 1} InvalidStateError`, async () => {
    const sandbox = await runra.sandboxes.create({ image: 'node:22' });
    await runra.sandboxes.pause(sandbox.id);
    const results = await outcomes(
      Array.from({ length: SIMULTANEOUS }, () => runra.sandboxes.resume(sandbox.id)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(lost.every((e) => e instanceof InvalidStateError && e.details.currentState === 'running')).toBe(
      true,
    );
    expect(lost).toHaveLength(SIMULTANEOUS - 1);
    expect((await runra.sandboxes.get(sandbox.id)).state).toBe('running');
  });

  it('storms: mixed simultaneous pause/resume/terminate end in a state the model allows, and every answer agrees', async () => {
    type Action = 'pause' | 'resume' | 'terminate';
    const storm = fc.array(fc.constantFrom<Action>('pause', 'resume', 'terminate'), {
      minLength: 2,
      maxLength: 30,
    });
    let storms = 0;
    await fc.assert(
      fc.asyncProperty(storm, fc.boolean(), async (actions, startPaused) => {
        storms++;
        const sandbox = await runra.sandboxes.create({ image: 'node:22' });
        if (startPaused) await runra.sandboxes.pause(sandbox.id);
        const results = await outcomes<unknown>(actions.map((action) => runra.sandboxes[action](sandbox.id)));
        const count = { pause: 0, resume: 0, terminate: 0 };
        const refusedIn: Record<Action, string[]> = { pause: [], resume: [], terminate: [] };
        const terminatedAt = new Set<string>();
        results.forEach((result, i) => {
          const action = actions[i]!;
          if (result.status === 'fulfilled') {
            count[action]++;
            if (action === 'terminate')
              terminatedAt.add((result.value as { terminatedAt: string }).terminatedAt);
          } else {
            expect(result.reason).toBeInstanceOf(InvalidStateError);
            refusedIn[action].push((result.reason as InvalidStateError).details.currentState);
          }
        });
        // Successful pauses and resumes alternate from the starting state.
        const net = count.pause - count.resume;
        expect(startPaused ? [0, -1] : [0, 1]).toContain(net);
        // Terminate is idempotent: every terminate succeeds, with one terminatedAt.
        const terminates = actions.filter((a) => a === 'terminate').length;
        expect(count.terminate).toBe(terminates);
        expect(terminatedAt.size).toBe(terminates > 0 ? 1 : 0);
        // A refusal names a state the sandbox can have been in when that call ran.
        const seen = terminates > 0 ? ['terminated'] : [];
        for (const state of refusedIn.pause) expect(['paused', ...seen]).toContain(state);
        for (const state of refusedIn.resume) expect(['running', ...seen]).toContain(state);
        const before = startPaused ? (net === 0 ? 'paused' : 'running') : net === 0 ? 'running' : 'paused';
        const final = await runra.sandboxes.get(sandbox.id);
        expect(final.state).toBe(terminates > 0 ? 'terminated' : before);
      }),
      replayParameters({ numRuns: 40 }),
    );
    expect(storms).toBeGreaterThanOrEqual(1);
  });
});

describe('races: a burst of creates over HTTP', () => {
  it('1,000 concurrent creates make 1,000 distinct sandboxes, total 1,000', async () => {
    const burst = 1000;
    const results = await Promise.allSettled(
      Array.from({ length: burst }, (_, i) =>
        runra.sandboxes.create({ image: 'node:22', metadata: { n: String(i) } }),
      ),
    );
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as APIError] : []));
    expect(failures.map((e) => `${e.code} ${e.message}`)).toEqual([]);
    const ids = new Set(results.map((r) => (r.status === 'fulfilled' ? r.value.id : '')));
    expect(ids.size).toBe(burst);
    const page = await runra.sandboxes.list({ limit: 1 });
    expect(page.pagination.total).toBe(burst);
    expect(server.api.exportState().sandboxes).toHaveLength(burst);
    const listed = new Set<string>();
    for await (const item of runra.sandboxes.list({ limit: 100 })) listed.add(item.id);
    expect(listed).toEqual(ids);
  });
});
