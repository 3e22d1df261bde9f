import { createMockApi } from '../../mock-server/index.js';
import { Runra } from '../../src/index.js';
import { defineContract } from './contract.js';
import { jsControl } from './mock-control.js';
import { CONTRACT_KEYS, CONTRACT_MOCK_OPTIONS, MOCK_CAPABILITIES, UNKNOWN_KEY } from './target.js';

// Target 1: the mock's fetch handler, in process (`new Runra({ fetch: api.fetch })`).
const api = createMockApi(CONTRACT_MOCK_OPTIONS);
const baseURL = 'https://fetch-handler.contract.test';

defineContract({
  name: 'the mock fetch handler',
  capabilities: MOCK_CAPABILITIES,
  baseURL,
  keys: CONTRACT_KEYS,
  unknownKey: UNKNOWN_KEY,
  client: (apiKey = CONTRACT_KEYS[0], options = {}) =>
    new Runra({ apiKey, baseURL, fetch: api.fetch, ...options }),
  control: jsControl(api),
  setup: async () => {},
  teardown: async () => {},
});
