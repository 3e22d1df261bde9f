/**
 * Section 3: scale. 100,000 sandboxes over 100 API keys in one in-process mock: heap used,
 * p50/p99 of a get and of a filtered list page through the fetch handler; then the same key
 * size (1,000 sandboxes) alone in a mock, to show that other keys' sandboxes cost nothing.
 * Run alone: npx tsx bench/scale.ts
 */

import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMockApi, type MockApi } from '../dist/mock.js';
import { type SectionResult, table } from './lib/section.js';
import { median, quantile } from './lib/stats.js';

const KEYS = 100;
const PER_KEY = 1000;
const SAMPLES = 3000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsedMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const keyOf = (k: number) => `sk_test_scale_${String(k).padStart(3, '0')}`;

/** Seeds `keys × PER_KEY` sandboxes (1 ms apart on a manual clock); returns ids per key. */
function seed(api: MockApi, keys: number): string[][] {
  const ids: string[][] = Array.from({ length: keys }, () => []);
  for (let i = 0; i < keys * PER_KEY; i++) {
    const k = i % keys;
    const created = api.machine.create(keyOf(k), {
      image: i % 3 === 0 ? 'python:3.12' : 'node:22',
      metadata: { team: `t${i % 10}`, env: i % 2 ? 'prod' : 'dev' },
    });
    if (!created.ok) throw new Error(created.error.message);
    ids[k]!.push(created.value.id);
    api.clock.advance(1);
  }
  return ids;
}

interface Latency {
  p50: number;
  p99: number;
}

/** Per-request latency (ms) through the fetch handler, body read, over random keys. */
async function latencies(api: MockApi, ids: string[][], route: 'get' | 'list'): Promise<Latency> {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES + 500; i++) {
    const k = (i * 7919) % ids.length;
    const keyIds = ids[k]!;
    const path =
      route === 'get'
        ? `/v1/sandboxes/${keyIds[(i * 104729) % keyIds.length]}`
        : `/v1/sandboxes?state=running&image=node:22&metadata.team=t${i % 10}&limit=20`;
    const request = new Request(`http://mock.local${path}`, {
      headers: { authorization: `Bearer ${keyOf(k)}` },
    });
    const started = performance.now();
    const response = await api.fetch(request);
    await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`${route} answered ${response.status}`);
    if (i >= 500) samples.push(ms);
  }
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

/** Runs the 100k mock and the 1k mock, three latency passes each, medians. */
export async function runScale(): Promise<SectionResult> {
  const figures = async (keys: number) => {
    const before = heapUsedMb();
    const api = createMockApi({ clock: 'manual', seed: 11 });
    const seedStarted = performance.now();
    const ids = seed(api, keys);
    const seedS = (performance.now() - seedStarted) / 1000;
    const heapMb = heapUsedMb() - before;
    const passes = { get: [] as Latency[], list: [] as Latency[] };
    for (let pass = 0; pass < 3; pass++) {
      passes.get.push(await latencies(api, ids, 'get'));
      passes.list.push(await latencies(api, ids, 'list'));
    }
    const med = (ls: Latency[]): Latency => ({
      p50: median(ls.map((l) => l.p50)),
      p99: median(ls.map((l) => l.p99)),
    });
    return { total: keys * PER_KEY, heapMb, seedS, get: med(passes.get), list: med(passes.list), api };
  };
  const big = await figures(KEYS);
  const bigHeap = big.heapMb;
  big.api.reset();
  const small = await figures(1);

  const f = (ms: number) => ms.toFixed(3);
  const rows = [big, small].map((r) => [
    r.total.toLocaleString('en-US'),
    String(r.total / PER_KEY),
    r === big ? bigHeap.toFixed(0) : r.heapMb.toFixed(1),
    r.seedS.toFixed(1),
    f(r.get.p50),
    f(r.get.p99),
    f(r.list.p50),
    f(r.list.p99),
  ]);
  const markdown = [
    table(
      [
        'sandboxes',
        'keys',
        'heap MB',
        'seed s',
        'get p50 ms',
        'get p99 ms',
        'filtered list p50 ms',
        'filtered list p99 ms',
      ],
      rows,
    ),
    `Every key owns ${PER_KEY.toLocaleString('en-US')} sandboxes in both rows. Latency is one request through \`createMockApi().fetch\` (Request built outside the timing, body read inside), ${SAMPLES} samples over random keys after 500 warm-up, median of 3 passes. The filter is \`state=running&image=node:22&metadata.team=tN&limit=20\`. Heap is \`heapUsed\` after forced GC, minus the heap before the mock.`,
  ].join('\n\n');
  const worstP99 = Math.max(big.get.p99, big.list.p99);
  return {
    title: '3. Scale: 100,000 sandboxes over 100 API keys',
    markdown,
    floors: [
      {
        name: 'p99 of get and filtered list ≤ 10 ms at 100k',
        met: worstP99 <= 10,
        detail: `${f(worstP99)} ms`,
      },
      {
        name: 'cost does not grow with other keys (100k vs 1k, same key size)',
        met: big.list.p50 <= small.list.p50 * 1.5 && big.get.p50 <= small.get.p50 * 1.5,
        detail: `get p50 ${(big.get.p50 / small.get.p50).toFixed(2)}×, list p50 ${(big.list.p50 / small.list.p50).toFixed(2)}× (allowed ≤ 1.5× for noise)`,
      },
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runScale();
  console.log(result.markdown);
  for (const fl of result.floors) console.log(`${fl.met ? 'MET ' : 'MISS'} ${fl.name}: ${fl.detail}`);
}
