import { expect } from 'vitest';
import { LIMITS } from '../../../src/index.js';
import type { ScenarioGroup } from './scenario.js';

const at = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

export const timerScenarios: ScenarioGroup = {
  name: 'timers',
  scenarios: [
    {
      name: 'idle timeout: a running sandbox with no activity is paused at last activity + idleTimeoutMs',
      needs: ['clock'],
      async run({ client, create, target, tag }) {
        const runra = client();
        const idle = 60_000;
        const sandbox = await create({ image: 'node:22', idleTimeoutMs: idle, timeoutMs: 10 * idle });
        await target.control!.advance(idle - 1);
        expect((await runra.sandboxes.get(sandbox.id)).state).toBe('running');
        await target.control!.advance(5000);
        const got = await runra.sandboxes.get(sandbox.id);
        expect(got).toMatchObject({ state: 'paused', pausedAt: at(sandbox.startedAt!, idle) });
        const listed = await runra.sandboxes.list({ state: 'paused', metadata: { contractRun: tag } });
        expect(listed.data.map((item) => item.id)).toEqual([sandbox.id]);
      },
    },
    {
      name: 'idle timeout: 0 disables auto-pause',
      needs: ['clock'],
      async run({ client, create, target }) {
        const sandbox = await create({ image: 'node:22', idleTimeoutMs: 0, timeoutMs: LIMITS.timeoutMs.max });
        // Far past any idle timeout, one tick short of the lifetime.
        await target.control!.advance(LIMITS.timeoutMs.max - 1);
        expect((await client().sandboxes.get(sandbox.id)).state).toBe('running');
      },
    },
    {
      name: 'lifetime: at createdAt + timeoutMs the sandbox is terminated from running and from paused',
      needs: ['clock'],
      async run({ client, create, target }) {
        const runra = client();
        const lifetime = 90_000;
        const running = await create({ image: 'node:22', idleTimeoutMs: 0, timeoutMs: lifetime });
        const paused = await create({ image: 'node:22', idleTimeoutMs: 0, timeoutMs: lifetime });
        await runra.sandboxes.pause(paused.id);
        await target.control!.advance(lifetime + 30_000);
        for (const sandbox of [running, paused]) {
          expect(await runra.sandboxes.get(sandbox.id)).toMatchObject({
            state: 'terminated',
            terminatedAt: at(sandbox.createdAt, lifetime),
          });
          expect((await runra.sandboxes.terminate(sandbox.id)).totalRuntimeMs).toBe(lifetime);
        }
      },
    },
    {
      name: 'resume: keeps the original timers; the idle timer restarts at resumedAt',
      needs: ['clock'],
      async run({ client, create, target }) {
        const runra = client();
        const idle = 60_000;
        const lifetime = 3_600_000;
        const sandbox = await create({ image: 'node:22', idleTimeoutMs: idle, timeoutMs: lifetime });
        await target.control!.advance(idle + 1000);
        expect((await runra.sandboxes.get(sandbox.id)).state).toBe('paused');
        const resumed = await runra.sandboxes.resume(sandbox.id);
        const got = await runra.sandboxes.get(sandbox.id);
        expect(got).toMatchObject({ state: 'running', idleTimeoutMs: idle, timeoutMs: lifetime });
        await target.control!.advance(idle);
        expect(await runra.sandboxes.get(sandbox.id)).toMatchObject({
          state: 'paused',
          pausedAt: at(resumed.resumedAt, idle),
        });
      },
    },
  ],
};
