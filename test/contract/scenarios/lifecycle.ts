import { expect } from 'vitest';
import { InvalidStateError, LIMITS } from '../../../src/index.js';
import { between, expectApiError, ISO_MS, type ScenarioGroup } from './scenario.js';

const HALF_HOUR = 30 * 60_000;

export const lifecycleScenarios: ScenarioGroup = {
  name: 'pause, resume, terminate',
  scenarios: [
    {
      name: 'pause: a running sandbox becomes paused; runtimeDurationMs = pausedAt − createdAt',
      async run({ client, create }) {
        const runra = client();
        const sandbox = await create({ image: 'node:22' });
        const paused = await runra.sandboxes.pause(sandbox.id);
        expect(paused).toMatchObject({ id: sandbox.id, state: 'paused' });
        expect(paused.pausedAt).toMatch(ISO_MS);
        expect(paused.runtimeDurationMs).toBe(between(sandbox.createdAt, paused.pausedAt));
        const got = await runra.sandboxes.get(sandbox.id);
        expect(got).toMatchObject({ state: 'paused', pausedAt: paused.pausedAt });
      },
    },
    {
      name: 'pause: a paused sandbox answers 409 INVALID_STATE with details { sandboxId, currentState }',
      covers: ['INVALID_STATE'],
      async run({ client, create }) {
        const runra = client();
        const sandbox = await create({ image: 'node:22' });
        await runra.sandboxes.pause(sandbox.id);
        const error = await expectApiError(
          runra.sandboxes.pause(sandbox.id),
          InvalidStateError,
          'INVALID_STATE',
        );
        expect(error.details).toEqual({ sandboxId: sandbox.id, currentState: 'paused' });
      },
    },
    {
      name: 'resume: a paused sandbox runs again; pausedDurationMs = resumedAt − pausedAt; a running one answers 409',
      covers: ['INVALID_STATE'],
      async run({ client, create }) {
        const runra = client();
        const sandbox = await create({ image: 'node:22', env: { KEEP: 'me' }, timeoutMs: 600_000 });
        const paused = await runra.sandboxes.pause(sandbox.id);
        const resumed = await runra.sandboxes.resume(sandbox.id);
        expect(resumed).toMatchObject({ id: sandbox.id, state: 'running' });
        expect(resumed.pausedDurationMs).toBe(between(paused.pausedAt, resumed.resumedAt));
        const got = await runra.sandboxes.get(sandbox.id);
        expect(got).toMatchObject({
          state: 'running',
          resumedAt: resumed.resumedAt,
          env: { KEEP: 'me' },
          timeoutMs: 600_000,
          idleTimeoutMs: LIMITS.idleTimeoutMs.default,
        });
        const error = await expectApiError(
          runra.sandboxes.resume(sandbox.id),
          InvalidStateError,
          'INVALID_STATE',
        );
        expect(error.details).toEqual({ sandboxId: sandbox.id, currentState: 'running' });
      },
    },
    {
      name: 'terminate: any state ends terminated; repeating it answers the original figures; nothing runs it again',
      covers: ['INVALID_STATE'],
      async run({ client, create }) {
        const runra = client();
        const running = await create({ image: 'node:22' });
        const paused = await create({ image: 'node:22' });
        await runra.sandboxes.pause(paused.id);
        for (const sandbox of [running, paused]) {
          const first = await runra.sandboxes.terminate(sandbox.id);
          expect(first).toMatchObject({ id: sandbox.id, state: 'terminated' });
          expect(first.totalRuntimeMs).toBe(between(sandbox.createdAt, first.terminatedAt));
          expect(await runra.sandboxes.terminate(sandbox.id)).toEqual(first);
          expect(await runra.sandboxes.get(sandbox.id)).toMatchObject({
            state: 'terminated',
            terminatedAt: first.terminatedAt,
          });
          for (const action of ['pause', 'resume'] as const) {
            const error = await expectApiError(
              runra.sandboxes[action](sandbox.id),
              InvalidStateError,
              'INVALID_STATE',
            );
            expect(error.details).toEqual({ sandboxId: sandbox.id, currentState: 'terminated' });
          }
        }
      },
    },
    {
      name: "durations: the page's example figures (pause after 30 min, resume 30 min later, terminate at 90 min)",
      needs: ['clock'],
      async run({ client, create, target }) {
        const runra = client();
        const control = target.control!;
        const sandbox = await create({ image: 'node:22', idleTimeoutMs: 0, timeoutMs: LIMITS.timeoutMs.max });
        await control.advance(HALF_HOUR);
        expect((await runra.sandboxes.pause(sandbox.id)).runtimeDurationMs).toBe(HALF_HOUR);
        await control.advance(HALF_HOUR);
        expect((await runra.sandboxes.resume(sandbox.id)).pausedDurationMs).toBe(HALF_HOUR);
        await control.advance(HALF_HOUR);
        expect((await runra.sandboxes.terminate(sandbox.id)).totalRuntimeMs).toBe(3 * HALF_HOUR);
      },
    },
  ],
};
