/**
 * Section 5: the inspector's cost under load. GET one sandbox on the runra mock server
 * (10,000 sandboxes, as in section 2), with no page open, then with the inspector open and
 * receiving live updates (every GET is journaled, so the page hears about all of them);
 * runs alternate, figures are medians. The page is stood in for by a client that does what
 * the page does on the wire: loads /_mock/ui and its assets, then reads and parses the
 * server-sent events (docs/decisions/0313). Run alone: npx tsx bench/inspector-load.ts
 */
import { fileURLToPath } from 'node:url';
import { type ChildServer, startChild } from './lib/child-server.js';
import { LOAD, type LoadResult, load } from './lib/load.js';
import { PINNING, pinSelf, unpinSelf } from './lib/pinning.js';
import { floor, type SectionResult, table } from './lib/section.js';
import { median } from './lib/stats.js';
import { targetsFor } from './lib/targets.js';

/** Pairs of runs (one closed, one open, back to back): the ratio is the median of the pairs' ratios. */
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);

/** An open inspector page, as the mock sees it: its loads, then its live feed read and parsed. */
interface OpenPage {
  /** Events received and bytes read so far. */
  events: number;
  bytes: number;
  /** Snapshots received: the first, and one each time the page fell behind. */
  snapshots: number;
  close(): Promise<void>;
}

async function openPage(url: string): Promise<OpenPage> {
  const html = await (await fetch(`${url}/_mock/ui`)).text();
  for (const [, path] of html.matchAll(/(?:href|src)="(\/_mock\/ui\/[^"]+)"/g)) {
    await (await fetch(`${url}${path}`)).arrayBuffer();
  }
  const abort = new AbortController();
  const response = await fetch(`${url}/_mock/ui/events`, { signal: abort.signal });
  if (!response.body) throw new Error('the inspector feed has no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const page: OpenPage = {
    events: 0,
    bytes: 0,
    snapshots: 0,
    close: async () => {
      abort.abort();
      await reading.catch(() => undefined);
    },
  };
  let buffer = '';
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      page.bytes += value.length;
      buffer += value;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data === undefined) continue;
        JSON.parse(data); // as the page does
        page.events++;
        if (block.startsWith('event: snapshot')) page.snapshots++;
      }
    }
  })();
  // The snapshot first: the page is open once it has it.
  while (page.events === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  return page;
}

/** Loads GET with and without the page open, alternating, and checks the 0.9× floor. */
export async function runInspectorLoad(): Promise<SectionResult> {
  pinSelf('0');
  let server: ChildServer | undefined;
  try {
    server = await startChild(fileURLToPath(new URL('./servers/mock.ts', import.meta.url)), { cpu: 1 });
    const target = targetsFor(server).get;
    const runs = { closed: [] as LoadResult[], open: [] as LoadResult[] };
    let feed = { events: 0, bytes: 0, seconds: 0 };
    for (let rep = 0; rep < REPEATS; rep++) {
      const order = rep % 2 === 0 ? (['closed', 'open'] as const) : (['open', 'closed'] as const);
      for (const mode of order) {
        const page = mode === 'open' ? await openPage(server.url) : undefined;
        const before = page ? { events: page.events, bytes: page.bytes } : undefined;
        const result = await load(target);
        if (page && before) {
          feed = {
            events: feed.events + page.events - before.events,
            bytes: feed.bytes + page.bytes - before.bytes,
            seconds: feed.seconds + LOAD.durationS,
          };
          await page.close();
        }
        runs[mode].push(result);
        console.error(
          `  GET, page ${mode}: ${Math.round(result.rps)} req/s${page ? `, ${page.snapshots} snapshots` : ''}`,
        );
      }
    }
    const closed = median(runs.closed.map((r) => r.rps));
    const open = median(runs.open.map((r) => r.rps));
    // Each pair ran back to back, under the same load from the rest of the machine.
    const ratio = median(runs.open.map((r, i) => r.rps / (runs.closed[i] as LoadResult).rps));
    const p99 = (rs: LoadResult[]) => String(median(rs.map((r) => r.p99Ms)));
    const markdown = [
      table(
        ['GET one sandbox', 'req/s (2xx)', 'p99 ms', 'non-2xx+errors'],
        [
          [
            'no page open',
            Math.round(closed).toLocaleString('en-US'),
            p99(runs.closed),
            String(Math.max(...runs.closed.map((r) => r.non2xx + r.errors))),
          ],
          [
            'inspector open, live',
            Math.round(open).toLocaleString('en-US'),
            p99(runs.open),
            String(Math.max(...runs.open.map((r) => r.non2xx + r.errors))),
          ],
        ],
      ),
      `Ratio ${ratio.toFixed(3)}× (the median of the ${REPEATS} back-to-back pairs' ratios). The page received ${(feed.events / feed.seconds).toFixed(1)} events/s, ${Math.round(feed.bytes / feed.seconds / 1024)} kB/s, during its runs (the feed sends at most one message per 250 ms: each GET is in it, as the latest ${'200'} journal entries). autocannon, ${LOAD.connections} connections, ${LOAD.durationS} s a run, median of ${REPEATS} runs each, in pairs whose order alternates${PINNING ? '; the server pinned to core 1, autocannon and the page to core 0' : ' (not pinned)'}.`,
    ].join('\n\n');
    return {
      title: '5. The inspector open under load',
      markdown,
      floors: [floor('mock GET with the inspector open ≥ 0.9× without', ratio, 0.9, 'atLeast')],
    };
  } finally {
    await server?.stop();
    unpinSelf();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runInspectorLoad();
  console.log(result.markdown);
  for (const f of result.floors) console.log(`${f.met ? 'MET ' : 'MISS'} ${f.name}: ${f.detail}`);
}
