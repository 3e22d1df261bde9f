import type { FaultRule, MockApi } from '../../mock-server/index.js';
import type { MockControl } from './target.js';

/** Controls an in-process mock through its JS methods. */
export function jsControl(api: MockApi): MockControl {
  return {
    reset: async () => api.reset(),
    advance: async (ms) => api.clock.advance(ms),
    addFault: async (rule) => {
      api.faults.add(rule);
    },
  };
}

/** Controls a mock over its HTTP control plane (`/_mock/...`), as another process would. */
export function httpControl(origin: string): MockControl {
  const call = async (method: string, path: string, body?: unknown): Promise<void> => {
    const response = await fetch(`${origin}/_mock/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${method} /_mock/${path} answered ${response.status}`);
  };
  return {
    reset: () => call('POST', 'reset'),
    advance: (ms) => call('POST', 'clock/advance', { ms }),
    addFault: (rule: FaultRule) => call('POST', 'faults', rule),
  };
}
