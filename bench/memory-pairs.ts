/**
 * Issue 11's in-process memory measurement: create + terminate pairs through
 * `createMockApi().fetch` on a manual clock that never moves, each create with a fresh
 * Idempotency-Key and a 2 kB `env`; the heap after GC every 10,000 pairs.
 *
 * Run: `node --expose-gc --import tsx bench/memory-pairs.ts [pairs]` (default 40,000).
 * Before issue 11 the heap grew linearly (~8.5 kB kept per pair, for ever); with the
 * stores bounded it levels off once the caps are reached.
 */
import { createMockApi } from '../mock-server/index.js';

const PAIRS = Number(process.argv[2] ?? 40_000);
const STEP = 10_000;
const KEY = 'sk_test_memory_0001';
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
// 2 kB of env: 32 variables of 64 characters (names included).
const env = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`VAR_${i}`, 'x'.repeat(56)]));
const body = JSON.stringify({ image: 'node:22', env });

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const heapMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const api = createMockApi({ clock: 'manual', seed: 1 });
const base = 'http://mock.test/v1/sandboxes';
const start = heapMb();
console.log(`baseline heap ${start.toFixed(1)} MB; body ${body.length} bytes`);
for (let i = 1; i <= PAIRS; i++) {
  const created = await api.fetch(
    new Request(base, { method: 'POST', headers: { ...headers, 'idempotency-key': `pair-${i}` }, body }),
  );
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const ended = await api.fetch(new Request(`${base}/${id}`, { method: 'DELETE', headers }));
  if (ended.status !== 200) throw new Error(`terminate answered ${ended.status}`);
  await ended.arrayBuffer();
  if (i % STEP === 0) {
    const heap = heapMb();
    console.log(
      `${i.toLocaleString('en-US')} pairs: heap ${heap.toFixed(1)} MB (+${(heap - start).toFixed(1)} MB, ${(((heap - start) * 2 ** 20) / i / 1024).toFixed(2)} kB/pair)`,
    );
  }
}
