/**
 * Section 2: mock throughput and latency with autocannon on loopback: GET one sandbox, list a
 * page of 20 out of 10,000, create; the runra mock server against a bare `node:http` server
 * answering a constant (the limit) and Prism serving our generated OpenAPI document.
 * Each server runs in its own process; runs rotate between servers; figures are medians.
 * Run alone: npx tsx bench/mock-throughput.ts
 */
import { fileURLToPath } from 'node:url';
import { type ChildServer, startChild } from './lib/child-server.js';
import { LOAD, type LoadResult, load } from './lib/load.js';
import { PINNING, pinSelf, unpinSelf } from './lib/pinning.js';
import { floor, type SectionResult, table } from './lib/section.js';
import { median } from './lib/stats.js';
import { targetsFor } from './lib/targets.js';

const SERVERS = ['mock', 'bare', 'prism'] as const;
type ServerName = (typeof SERVERS)[number];
const ROUTES = [
  { route: 'get', label: 'GET one sandbox', repeats: 3 },
  { route: 'list', label: 'list a page of 20 (of 10,000)', repeats: 2 },
  { route: 'create', label: 'create (fresh Idempotency-Key each)', repeats: 2 },
] as const;
const LABEL: Record<ServerName, string> = {
  mock: 'runra mock',
  bare: 'bare node:http, constant (limit)',
  prism: 'Prism 5.14 (stateless peer)',
};

/** Median figures of several runs. */
function medianOf(runs: LoadResult[]): LoadResult {
  const m = (pick: (r: LoadResult) => number) => median(runs.map(pick));
  return {
    rps: m((r) => r.rps),
    p50Ms: m((r) => r.p50Ms),
    p99Ms: m((r) => r.p99Ms),
    non2xx: Math.max(...runs.map((r) => r.non2xx)),
    errors: Math.max(...runs.map((r) => r.errors)),
  };
}

/** Starts the three servers, loads each route in rotating order, and checks the GET floors. */
export async function runMockThroughput(): Promise<SectionResult> {
  const servers = new Map<ServerName, ChildServer>();
  pinSelf('0');
  try {
    for (const name of SERVERS) {
      const script = fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url));
      servers.set(name, await startChild(script, { cpu: 1 }));
    }
    const rows: string[][] = [];
    const get = new Map<ServerName, LoadResult>();
    for (const { route, label, repeats } of ROUTES) {
      const runs = new Map<ServerName, LoadResult[]>(SERVERS.map((s) => [s, []]));
      for (let rep = 0; rep < repeats; rep++) {
        for (let k = 0; k < SERVERS.length; k++) {
          const name = SERVERS[(rep + k) % SERVERS.length]!;
          const result = await load(targetsFor(servers.get(name)!)[route]);
          runs.get(name)!.push(result);
          console.error(`  ${route} ${name}: ${Math.round(result.rps)} req/s`);
        }
      }
      const medians = new Map([...runs].map(([s, r]) => [s, medianOf(r)]));
      if (route === 'get') for (const [s, r] of medians) get.set(s, r);
      const bare = medians.get('bare')!.rps;
      const prism = medians.get('prism')!.rps;
      for (const [s, r] of medians) {
        rows.push([
          label,
          LABEL[s],
          Math.round(r.rps).toLocaleString('en-US'),
          `${(r.rps / bare).toFixed(2)}×`,
          `${(r.rps / prism).toFixed(2)}×`,
          String(r.p50Ms),
          String(r.p99Ms),
          String(r.non2xx + r.errors),
        ]);
      }
    }
    const mockGet = get.get('mock')!.rps;
    const markdown = [
      table(
        ['load', 'server', 'req/s (2xx)', '× bare', '× Prism', 'p50 ms', 'p99 ms', 'non-2xx+errors'],
        rows,
      ),
      `autocannon, ${LOAD.connections} connections, ${LOAD.durationS} s a run, median of 3 runs (GET) or 2 runs (list, create), servers in rotating order, each in its own process${PINNING ? ' pinned to core 1, autocannon to core 0 (taskset)' : ' (not pinned: taskset missing or one core)'}. The bare server answers every route with the bytes of one GET, so it is the limit of \`node:http\` itself on this machine, not a fair peer for list or create.`,
    ].join('\n\n');
    return {
      title: '2. Mock throughput and latency (loopback HTTP)',
      markdown,
      floors: [
        floor('mock GET ≥ 0.5× bare node:http', mockGet / get.get('bare')!.rps, 0.5, 'atLeast'),
        floor('mock GET ≥ 3× Prism', mockGet / get.get('prism')!.rps, 3, 'atLeast'),
      ],
    };
  } finally {
    for (const server of servers.values()) await server.stop();
    unpinSelf();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runMockThroughput();
  console.log(result.markdown);
  for (const f of result.floors) console.log(`${f.met ? 'MET ' : 'MISS'} ${f.name}: ${f.detail}`);
}
