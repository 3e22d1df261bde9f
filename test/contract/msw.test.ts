import { setupServer } from 'msw/node';
import { vi } from 'vitest';
import { createMockApi } from '../../mock-server/index.js';
import { createHandlers } from '../../mock-server/msw.js';
import { Runra } from '../../src/index.js';
import { defineContract } from './contract.js';
import { jsControl } from './mock-control.js';
import { CONTRACT_KEYS, CONTRACT_MOCK_OPTIONS, MOCK_CAPABILITIES, UNKNOWN_KEY } from './target.js';

// Target 2: msw intercepting the SDK's default base URL; the client gets no fetch and no baseURL.
const DEFAULT_BASE_URL = 'https://api.box.runra.dev';
const handlers = createHandlers({ api: createMockApi(CONTRACT_MOCK_OPTIONS) });
const server = setupServer(...handlers);

defineContract({
  name: 'msw interception of the default base URL',
  capabilities: MOCK_CAPABILITIES,
  baseURL: DEFAULT_BASE_URL,
  keys: CONTRACT_KEYS,
  unknownKey: UNKNOWN_KEY,
  client: (apiKey = CONTRACT_KEYS[0], options = {}) => new Runra({ apiKey, ...options }),
  control: jsControl(handlers.api),
  setup: async () => {
    // A RUNRA_BASE_URL meant for the live target must not redirect the default base URL.
    vi.stubEnv('RUNRA_BASE_URL', undefined);
    server.listen({ onUnhandledRequest: 'error' });
  },
  teardown: async () => {
    server.close();
    vi.unstubAllEnvs();
  },
});
