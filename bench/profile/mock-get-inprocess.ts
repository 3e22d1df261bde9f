/**
 * Profiling target: GET /v1/sandboxes/:id through the built mock's in-process fetch handler.
 * Run: node --cpu-prof --cpu-prof-dir=.tmp/prof --import tsx bench/profile/mock-get-inprocess.ts
 */
import { createMockApi } from '../../dist/mock.js';

const api = createMockApi({ clock: 'manual', seed: 1 });
const headers = { authorization: 'Bearer sk_test_bench' };
const created = await api.fetch(
  new Request('http://mock/v1/sandboxes', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ image: 'node:22' }),
  }),
);
const { id } = (await created.json()) as { id: string };
const url = `http://mock/v1/sandboxes/${id}`;
const iterations = Number(process.env.N ?? 100_000);

async function once(): Promise<void> {
  const response = await api.fetch(new Request(url, { headers }));
  await response.text();
}
for (let i = 0; i < 5000; i++) await once();
const started = performance.now();
for (let i = 0; i < iterations; i++) await once();
const us = ((performance.now() - started) * 1000) / iterations;
console.log(`in-process GET (new Request + api.fetch + text): ${us.toFixed(1)} µs/call`);
