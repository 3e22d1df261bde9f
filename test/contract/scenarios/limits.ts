import { expect } from 'vitest';
import { LIMITS, RateLimitedError, ResourceExhaustedError } from '../../../src/index.js';
import { CONTRACT_MOCK_CONFIG } from '../target.js';
import { expectApiError, type ScenarioGroup } from './scenario.js';

type Cpu = (typeof LIMITS.resources.cpu.values)[number];
const maxCpu = Math.max(...LIMITS.resources.cpu.values) as Cpu;
const { capacityCpu, createRateLimit } = CONTRACT_MOCK_CONFIG;

/** `Retry-After` is whole seconds and matches `details.retryAfterMs` rounded up. */
function expectRetryAfter(error: {
  headers: Headers | undefined;
  details: unknown;
  retryAfterMs: number | undefined;
}) {
  const header = error.headers?.get('retry-after');
  expect(header).toMatch(/^\d+$/);
  const detailsMs = (error.details as { retryAfterMs?: unknown }).retryAfterMs;
  expect(detailsMs).toEqual(expect.any(Number));
  expect(Number(header)).toBe(Math.max(1, Math.ceil((detailsMs as number) / 1000)));
  expect(error.retryAfterMs).toBeGreaterThan(0);
}

export const limitScenarios: ScenarioGroup = {
  name: 'limits',
  scenarios: [
    {
      name: 'rate limit: creates beyond the per-key limit answer 429 RATE_LIMITED with Retry-After; the window reopens',
      needs: ['mockConfig', 'clock', 'secondKey'],
      covers: ['RATE_LIMITED'],
      async run({ client, create, target }) {
        const runra = client();
        for (let i = 0; i < createRateLimit.limit; i++) await create({ image: 'node:22' }, runra);
        const error = await expectApiError(
          create({ image: 'node:22' }, runra, { maxRetries: 0 }),
          RateLimitedError,
          'RATE_LIMITED',
        );
        expectRetryAfter(error);
        expect(error.retryAfterMs).toBeLessThanOrEqual(createRateLimit.windowMs);
        // Per key: the other key is not limited.
        await create({ image: 'node:22' }, client(target.keys[1]), { maxRetries: 0 });
        await target.control!.advance(createRateLimit.windowMs);
        await create({ image: 'node:22' }, runra, { maxRetries: 0 });
      },
    },
    {
      name: 'capacity: with no free vCPUs, create and resume answer 503 RESOURCE_EXHAUSTED; pausing frees capacity',
      needs: ['mockConfig'],
      covers: ['RESOURCE_EXHAUSTED'],
      async run({ client, create }) {
        const runra = client();
        const big = { image: 'node:22', resources: { cpu: maxCpu } } as const;
        const sleeper = await create(big);
        await runra.sandboxes.pause(sleeper.id);
        const fillers = [];
        for (let used = 0; used + maxCpu <= capacityCpu; used += maxCpu) fillers.push(await create(big));
        const refusedResume = await expectApiError(
          runra.sandboxes.resume(sleeper.id, { maxRetries: 0 }),
          ResourceExhaustedError,
          'RESOURCE_EXHAUSTED',
        );
        expectRetryAfter(refusedResume);
        await expectApiError(
          create(big, runra, { maxRetries: 0 }),
          ResourceExhaustedError,
          'RESOURCE_EXHAUSTED',
        );
        expect((await runra.sandboxes.get(sleeper.id)).state).toBe('paused');
        await runra.sandboxes.pause(fillers[0]!.id);
        expect((await runra.sandboxes.resume(sleeper.id, { maxRetries: 0 })).state).toBe('running');
        await runra.sandboxes.terminate(fillers[1]!.id);
        expect((await create(big, runra, { maxRetries: 0 })).resources.cpu).toBe(maxCpu);
      },
    },
  ],
};
