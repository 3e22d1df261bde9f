// The page of test/browser/control-plane.test.ts, bundled with esbuild and served from an
// origin other than the mock's. It plays a web page the developer happens to visit: it tries
// every read and write of the mock's control plane, then drives the API through the SDK, as
// a legitimate browser app would.
import { Runra } from '../../../src/index.js';

/** What became of one attempt: the page read an answer (a leak), or could not. */
export interface Probe {
  name: string;
  /** `read`: the page saw status and body; `opaque`: a no-cors answer it cannot read; `blocked`: fetch failed. */
  outcome: 'read' | 'opaque' | 'blocked';
  status?: number;
  body?: string;
}

/** What the page reports back to the test. */
export interface PageReport {
  probes: Probe[];
  sdk: { ok: true; states: string[]; listed: number } | { ok: false; error: string };
}

async function attempt(name: string, send: () => Promise<Response>): Promise<Probe> {
  try {
    const response = await send();
    if (response.type === 'opaque' || response.type === 'opaqueredirect') return { name, outcome: 'opaque' };
    return { name, outcome: 'read', status: response.status, body: (await response.text()).slice(0, 300) };
  } catch {
    return { name, outcome: 'blocked' };
  }
}

/**
 * A classic HTML form post (no script reads its answer; it would change state if accepted).
 * Resolves when the answer is loaded in its frame; an accepted post answered 204 loads
 * nothing, so it also resolves after a generous while.
 */
function formPost(action: string, fields: Record<string, string>): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 15_000);
    const frame = document.createElement('iframe');
    frame.name = `target-${Math.random().toString(36).slice(2)}`;
    document.body.append(frame);
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = action;
    form.target = frame.name;
    form.enctype = 'text/plain';
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement('input');
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    frame.addEventListener('load', () => resolve(), { once: true });
    form.submit();
  });
}

/** Every read and write of the control plane a page could try, each in the ways a page can. */
async function probeControlPlane(mock: string, sandboxId: string): Promise<Probe[]> {
  const json = { 'content-type': 'application/json' };
  const text = { 'content-type': 'text/plain' };
  const probes: [string, () => Promise<Response>][] = [
    ['read state', () => fetch(`${mock}/_mock/state`)],
    ['read state (no-cors)', () => fetch(`${mock}/_mock/state`, { mode: 'no-cors' })],
    ['read requests', () => fetch(`${mock}/_mock/requests`)],
    ['read faults', () => fetch(`${mock}/_mock/faults`)],
    ['read clock', () => fetch(`${mock}/_mock/clock`)],
    ['read a route added later (ui)', () => fetch(`${mock}/_mock/ui`)],
    ['read a route added later (events)', () => fetch(`${mock}/_mock/events`)],
    ['reset (simple)', () => fetch(`${mock}/_mock/reset`, { method: 'POST' })],
    ['reset (no-cors)', () => fetch(`${mock}/_mock/reset`, { method: 'POST', mode: 'no-cors' })],
    [
      'add a fault (text/plain, no preflight)',
      () =>
        fetch(`${mock}/_mock/faults`, {
          method: 'POST',
          headers: text,
          body: JSON.stringify({ path: '/v1/sandboxes', error: { code: 'INTERNAL_ERROR' }, times: 100 }),
        }),
    ],
    [
      'add a fault (JSON)',
      () =>
        fetch(`${mock}/_mock/faults`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ path: '/v1/sandboxes', error: { code: 'INTERNAL_ERROR' }, times: 100 }),
        }),
    ],
    [
      'advance the clock (text/plain, no preflight)',
      () => fetch(`${mock}/_mock/clock/advance`, { method: 'POST', headers: text, body: '{"ms":86400000}' }),
    ],
    [
      'advance the clock (JSON)',
      () => fetch(`${mock}/_mock/clock/advance`, { method: 'POST', headers: json, body: '{"ms":86400000}' }),
    ],
    [
      'load a state (PUT)',
      () =>
        fetch(`${mock}/_mock/state`, { method: 'PUT', headers: json, body: '{"version":2,"sandboxes":[]}' }),
    ],
    ['clear the journal (DELETE)', () => fetch(`${mock}/_mock/requests`, { method: 'DELETE' })],
    ['clear the faults (DELETE)', () => fetch(`${mock}/_mock/faults`, { method: 'DELETE' })],
    [
      'activity as a tenant',
      () =>
        fetch(`${mock}/_mock/sandboxes/${sandboxId}/activity`, {
          method: 'POST',
          headers: { authorization: 'Bearer sk_test_browser_page_01' },
        }),
    ],
  ];
  const results: Probe[] = [];
  for (const [name, send] of probes) results.push(await attempt(name, send));
  await formPost(`${mock}/_mock/reset`, { a: 'b' });
  await formPost(`${mock}/_mock/clock/advance`, { '{"ms":86400000,"x":"': '"}' });
  return results;
}

/** Runs the whole page: the SDK makes a sandbox, the probes try the control plane, the SDK goes on. */
async function run(mock: string): Promise<PageReport> {
  if (new URL(mock).origin === window.location.origin) throw new Error('the mock must be on another origin');
  // Not a literal: an option the SDK adds for browsers (`dangerouslyAllowBrowser`) must pass whether or not it knows it.
  const options = {
    apiKey: 'sk_test_browser_page_01',
    baseURL: mock,
    maxRetries: 0,
    dangerouslyAllowBrowser: true,
  };
  const client = new Runra(options);
  const created = await client.sandboxes.create({ image: 'node:22', metadata: { from: 'page' } });
  const probes = await probeControlPlane(mock, created.id);
  try {
    const states = [created.state];
    states.push((await client.sandboxes.pause(created.id)).state);
    states.push((await client.sandboxes.resume(created.id)).state);
    states.push((await client.sandboxes.get(created.id)).state);
    const listed = (await client.sandboxes.list({ metadata: { from: 'page' } })).data.length;
    states.push((await client.sandboxes.terminate(created.id)).state);
    return { probes, sdk: { ok: true, states, listed } };
  } catch (error) {
    return { probes, sdk: { ok: false, error: String(error) } };
  }
}

declare global {
  interface Window {
    controlPlanePage(mock: string): Promise<PageReport>;
  }
}
window.controlPlanePage = run;
