/**
 * Profiles a bench server under load: starts it with `BENCH_CPU_PROFILE` (steady state only),
 * loads it with autocannon, stops it and summarises the profile.
 * Run: npx tsx bench/profile/profile-server.ts [mock|bare] [get|list|create] [seconds]
 */
import { fileURLToPath } from 'node:url';
import { startChild } from '../lib/child-server.js';
import { load } from '../lib/load.js';
import { targetsFor } from '../lib/targets.js';

const [server = 'mock', route = 'get', seconds = '8'] = process.argv.slice(2);
const file = `/tmp/runra-bench-${server}-${route}-${process.pid}.cpuprofile`;
const script = fileURLToPath(new URL(`../servers/${server}.ts`, import.meta.url));
const child = await startChild(script, { env: { BENCH_CPU_PROFILE: file } });
const targets = targetsFor(child);
const target = targets[route as keyof typeof targets];
if (!target) throw new Error(`unknown route ${route}`);
const result = await load(target, Number(seconds));
await child.stop();
console.log(
  `${server} ${route}: ${Math.round(result.rps)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`,
);
console.log(`profile: ${file}`);
