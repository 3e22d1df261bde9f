import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { Runra } from '../../src/index.js';
import { defineContract } from './contract.js';
import { httpControl } from './mock-control.js';
import type { MockControl } from './target.js';
import { CONTRACT_KEYS, CONTRACT_MOCK_OPTIONS, MOCK_CAPABILITIES, UNKNOWN_KEY } from './target.js';

// Target 3: startMockServer({ port: 0 }) over loopback, driven through its HTTP control plane.
let server: MockServer | undefined;
const started = (): MockServer => {
  if (server === undefined) throw new Error('the mock server is not started');
  return server;
};
const control: MockControl = {
  reset: () => httpControl(started().url).reset(),
  advance: (ms) => httpControl(started().url).advance(ms),
  addFault: (rule) => httpControl(started().url).addFault(rule),
};

defineContract({
  name: 'the mock HTTP server over loopback',
  capabilities: MOCK_CAPABILITIES,
  get baseURL() {
    return started().url;
  },
  keys: CONTRACT_KEYS,
  unknownKey: UNKNOWN_KEY,
  client: (apiKey = CONTRACT_KEYS[0], options = {}) =>
    new Runra({ apiKey, baseURL: started().url, ...options }),
  control,
  setup: async () => {
    server = await startMockServer({ ...CONTRACT_MOCK_OPTIONS, port: 0 });
  },
  teardown: async () => {
    await server?.close();
  },
});
