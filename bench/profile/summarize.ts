/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function and by
 * file (package), and inclusive time of the functions named on the command line.
 * Run: npx tsx bench/profile/summarize.ts FILE.cpuprofile [top=25] [fnName ...]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, ...inclusiveNames] = process.argv.slice(2);
if (!file) throw new Error('usage: summarize.ts FILE.cpuprofile [top] [fnName ...]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(topArg ?? 25);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\/\/work\/main\//, '')
    .replace(/^.*node_modules\//, 'nm/')
    .replace(/^node:/, 'node:') || '(native)';
const label = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anon)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

function tally(key: (n: ProfileNode) => string): [string, number][] {
  const sums = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const k = key(byId.get(id)!);
    sums.set(k, (sums.get(k) ?? 0) + us);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;

console.log(`total sampled: ${(total / 1000).toFixed(0)} ms`);
console.log('\n-- self time by file --');
for (const [k, us] of tally((n) => shortUrl(n.callFrame.url).replace(/:\d+$/, '')).slice(0, top))
  console.log(pct(us), k);
console.log('\n-- self time by function --');
for (const [k, us] of tally(label).slice(0, top)) console.log(pct(us), k);

// Inclusive time: samples with a named function anywhere on their stack (counted once).
for (const name of inclusiveNames) {
  let us = 0;
  profile.samples.forEach((id, i) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      if (label(n).includes(name)) {
        us += profile.timeDeltas[i] ?? 0;
        break;
      }
    }
  });
  console.log(`inclusive ${pct(us)} ${name}`);
}
