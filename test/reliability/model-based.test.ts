/**
 * Model-based test: random command sequences (create, get, list with filters, pause,
 * resume, terminate, advance the clock, activity) over two API keys, driven through the
 * SDK against the HTTP mock; every answer is checked against the independent model in
 * `model.ts`.
 *
 * Figures: RELIABILITY_RUNS sequences (default 200) of up to 40 commands.
 * Replay a failure: fast-check prints `seed` and `path`; run
 *   RELIABILITY_SEED=<seed> RELIABILITY_PATH=<path> npx vitest run test/reliability/model-based.test.ts
 * (RELIABILITY_PATH is optional: with it, fast-check replays the shrunk counterexample only).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { Runra } from '../../src/index.js';
import { commandArbitraries, type Real } from './commands.js';
import { SandboxModel } from './model.js';
import { replayParameters } from './replay.js';

const KEYS = ['sk_test_model_alpha_0001', 'sk_test_model_bravo_0002'] as const;
/** Small on purpose: room for a few sandboxes, so RESOURCE_EXHAUSTED is exercised. */
const CAPACITY_CPU = 16;

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ clock: 'manual', seed: 7, capacityCpu: CAPACITY_CPU, port: 0 });
});
afterAll(() => server.close());

describe('model-based: the SDK against the HTTP mock agrees with the model', () => {
  it('every answer of every random command sequence matches the model', async () => {
    const stats = { commands: 0, sequences: 0 };
    const clients = KEYS.map((apiKey) => new Runra({ apiKey, baseURL: server.url, maxRetries: 0 }));
    await fc.assert(
      fc.asyncProperty(
        fc.commands(commandArbitraries, { maxCommands: 40, size: 'max' }),
        async (commands) => {
          stats.sequences++;
          server.api.reset();
          const real: Real = {
            keys: KEYS,
            clients,
            origin: server.url,
            advance: (ms) => server.api.clock.advance(ms),
            stats,
          };
          const setup = () => ({ model: new SandboxModel(server.api.clock.now(), CAPACITY_CPU), real });
          await fc.asyncModelRun(setup, commands);
        },
      ),
      replayParameters({ numRuns: 200 }),
    );
    console.info(`model-based: ${stats.sequences} sequences, ${stats.commands} commands`);
    expect(stats.sequences).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
