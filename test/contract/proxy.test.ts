import { afterEach, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../mock-server/index.js';
import { startVerifyingProxy, type VerifyingProxy } from '../../mock-server/proxy/node/server.js';
import type { ProxyReport } from '../../mock-server/proxy/report.js';
import { Runra } from '../../src/index.js';
import { defineContract } from './contract.js';
import { httpControl } from './mock-control.js';
import type { MockControl } from './target.js';
import { CONTRACT_KEYS, CONTRACT_MOCK_OPTIONS, MOCK_CAPABILITIES, UNKNOWN_KEY } from './target.js';

// Target 5: the verifying proxy (`runra-mock --proxy`) in front of a mock server, both over
// loopback: SDK → proxy → mock. The scenarios control the mock directly (the proxy forwards
// only the API); a reset also tells the proxy that the upstream is empty again. Every
// scenario must pass as it does directly, and the proxy must find nothing wrong.
let upstream: MockServer | undefined;
let proxy: VerifyingProxy | undefined;
let finalReport: ProxyReport | undefined;
let findingsSeen = 0;

const started = (): { upstream: MockServer; proxy: VerifyingProxy } => {
  if (upstream === undefined || proxy === undefined) throw new Error('the proxy target is not started');
  return { upstream, proxy };
};

const control: MockControl = {
  reset: async () => {
    const { upstream, proxy } = started();
    await httpControl(upstream.url).reset();
    const response = await fetch(`${proxy.url}/_mock/reset`, { method: 'POST' });
    await response.arrayBuffer();
    if (response.status !== 204)
      throw new Error(`POST /_mock/reset on the proxy answered ${response.status}`);
  },
  advance: (ms) => httpControl(started().upstream.url).advance(ms),
  addFault: (rule) => httpControl(started().upstream.url).addFault(rule),
};

defineContract({
  name: 'the verifying proxy in front of the mock (SDK → proxy → mock)',
  capabilities: MOCK_CAPABILITIES,
  get baseURL() {
    return started().proxy.url;
  },
  keys: CONTRACT_KEYS,
  unknownKey: UNKNOWN_KEY,
  client: (apiKey = CONTRACT_KEYS[0], options = {}) =>
    new Runra({ apiKey, baseURL: started().proxy.url, ...options }),
  control,
  setup: async () => {
    upstream = await startMockServer({ ...CONTRACT_MOCK_OPTIONS, port: 0 });
    proxy = await startVerifyingProxy({ upstream: upstream.url, port: 0 });
  },
  teardown: async () => {
    await proxy?.close();
    finalReport = proxy?.report();
    await upstream?.close();
  },
});

// Each scenario, once its exchanges are checked: no new finding (the failure lists them).
afterEach(async () => {
  if (proxy === undefined) return;
  await proxy.settled();
  const report = proxy.report();
  const fresh = report.exchangesWithFindings.slice(findingsSeen);
  findingsSeen = report.exchangesWithFindings.length;
  expect(fresh, 'the proxy reported findings on this scenario').toEqual([]);
  expect(report.checkerErrors).toBe(0);
});

describe("the proxy's verdict on the whole contract suite", () => {
  it('no finding, no check failed inside the proxy, and most answers were predicted', () => {
    const report = finalReport;
    expect(report).toBeDefined();
    if (report === undefined) return;
    expect(report.findings.total).toBe(0);
    expect(report.checkerErrors).toBe(0);
    const notPredicted = Object.values(report.behaviour.notPredicted).reduce((a, b) => a + b, 0);
    console.log(
      `proxy over the contract suite: ${report.exchanges} exchanges, ${report.checked} checked, ` +
        `${report.behaviour.predicted} predicted, ${notPredicted} not predicted ${JSON.stringify(report.behaviour.notPredicted)}, ` +
        `allowances ${JSON.stringify(report.behaviour.allowances)}, findings ${report.findings.total}`,
    );
    expect(report.behaviour.predicted).toBeGreaterThan(notPredicted * 4);
  });
});
