/**
 * Where the demo runs: the embedded mock (default) or a real API named by the environment.
 */
import { createMockApi, type MockApi } from '../../mock-server/index.js';
import { Runra } from '../../src/index.js';

/** The client the demo drives and, when it is the embedded mock, the mock itself. */
export interface DemoTarget {
  runra: Runra;
  /** Present only for the embedded mock: its manual clock makes the timer steps possible. */
  mock?: MockApi;
  /** One line saying what the demo talks to. */
  description: string;
}

/** The key the demo uses against the embedded mock (any well-formed key works there). */
export const DEMO_API_KEY = 'sk_test_demo';

/**
 * `RUNRA_API_KEY` set → that API (`RUNRA_BASE_URL` or the default base URL);
 * otherwise an embedded mock with a manual clock starting at the API reference's instant.
 */
export function chooseTarget(env: Record<string, string | undefined> = process.env): DemoTarget {
  const apiKey = env.RUNRA_API_KEY;
  if (apiKey) {
    const baseURL = env.RUNRA_BASE_URL || 'https://api.box.runra.dev';
    return {
      runra: new Runra({ apiKey, baseURL }),
      description: `the API at ${baseURL} (RUNRA_API_KEY is set; clock steps are skipped)`,
    };
  }
  const mock = createMockApi({ clock: 'manual' });
  return {
    runra: new Runra({ apiKey: DEMO_API_KEY, fetch: mock.fetch }),
    mock,
    description: `the embedded mock (manual clock at ${new Date(mock.clock.now()).toISOString()})`,
  };
}
