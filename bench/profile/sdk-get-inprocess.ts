/**
 * Profiling target: `runra.sandboxes.get` (or bare ky with CLIENT=ky) through the built
 * mock's in-process handler, in a loop.
 * Run: node --cpu-prof --cpu-prof-dir=/tmp/p --import tsx bench/profile/sdk-get-inprocess.ts
 */
import ky from 'ky';
import { Runra } from '../../dist/index.js';
import { createMockApi } from '../../dist/mock.js';
import { BENCH_API_KEY } from '../servers/protocol.js';

const api = createMockApi({ clock: 'manual', seed: 7 });
const created = api.machine.create(BENCH_API_KEY, { image: 'node:22' });
if (!created.ok) throw new Error(created.error.message);
const id = created.value.id;
const fetch = (request: Request) => api.fetch(request);
const runra = new Runra({ apiKey: BENCH_API_KEY, baseURL: 'http://mock.local', fetch });
const headers = { authorization: `Bearer ${BENCH_API_KEY}`, accept: 'application/json' };
const kyClient = ky.create({
  prefixUrl: 'http://mock.local/v1',
  headers,
  fetch: (input) => fetch(input as Request),
});
const once =
  process.env.CLIENT === 'ky' ? () => kyClient.get(`sandboxes/${id}`).json() : () => runra.sandboxes.get(id);
const n = Number(process.env.N ?? 50_000);
for (let i = 0; i < 3000; i++) await once();
const started = performance.now();
for (let i = 0; i < n; i++) await once();
console.log(
  `${process.env.CLIENT ?? 'runra'}: ${(((performance.now() - started) * 1000) / n).toFixed(1)} µs/call`,
);
