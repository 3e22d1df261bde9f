import { Runra } from '../../src/index.js';
import { defineContract } from './contract.js';
import type { Capability } from './target.js';

// Target 4: a live API. Runs only when RUNRA_BASE_URL and RUNRA_API_KEY are set; a second key
// (RUNRA_API_KEY_2) enables the tenancy scenarios. Clock, fault and mock-config scenarios are
// skipped here by name. Every sandbox made is terminated afterwards.
const baseURL = process.env.RUNRA_BASE_URL;
const apiKey = process.env.RUNRA_API_KEY;
const secondKey = process.env.RUNRA_API_KEY_2;

if (baseURL && apiKey) {
  const capabilities = new Set<Capability>(secondKey ? ['secondKey'] : []);
  defineContract({
    name: `the live API at ${baseURL}`,
    capabilities,
    baseURL,
    keys: [apiKey, secondKey ?? apiKey],
    unknownKey: `sk_contract_unknown_${Date.now().toString(36)}`,
    client: (key = apiKey, options = {}) => new Runra({ apiKey: key, baseURL, ...options }),
    control: undefined,
    setup: async () => {},
    teardown: async () => {},
  });
} else {
  const { describe, it } = await import('vitest');
  describe.skip('contract on a live API (set RUNRA_BASE_URL and RUNRA_API_KEY to run)', () => {
    it('runs every scenario that needs neither the clock, faults nor mock config', () => {});
  });
}
