/**
 * Section 5: the verifying proxy's cost. The built `runra-mock --proxy` (dist/cli.js) in its
 * own process, in front of the mock server (10,000 sandboxes) in another; one request in
 * flight; each request timed alone, direct and through the proxy in interleaved rounds.
 * The figure is the p50 the proxy adds. Checks run after each answer is sent, so they count
 * only as the CPU they take from the next request; their own time is read from the report.
 * Run alone: npx tsx bench/proxy-latency.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startChild } from './lib/child-server.js';
import { type SectionResult, table } from './lib/section.js';
import { quantile } from './lib/stats.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Starts `runra-mock --proxy <upstream>` and resolves with its URL (its first line). */
function startProxy(upstream: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [CLI, '--proxy', upstream, '--port', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`runra-mock --proxy exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (url) =>
      resolve({
        url,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      }),
    );
  });
}

interface Route {
  label: string;
  send(base: string): Promise<void>;
}

function routes(apiKey: string, sandboxId: string): Route[] {
  const auth = { authorization: `Bearer ${apiKey}` };
  const drain = async (response: Response) => {
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${response.url} answered ${response.status}`);
  };
  let n = 0;
  return [
    {
      label: 'GET one sandbox',
      send: async (base) => drain(await fetch(`${base}/v1/sandboxes/${sandboxId}`, { headers: auth })),
    },
    {
      label: 'list a page of 20 (of 10,000)',
      send: async (base) => drain(await fetch(`${base}/v1/sandboxes?limit=20`, { headers: auth })),
    },
    {
      label: 'create',
      send: async (base) =>
        drain(
          await fetch(`${base}/v1/sandboxes`, {
            method: 'POST',
            headers: {
              ...auth,
              'content-type': 'application/json',
              'idempotency-key': `bench-${process.pid}-${n++}`,
            },
            body: JSON.stringify({ image: 'node:22', metadata: { team: 'bench' } }),
          }),
        ),
    },
  ];
}

/** Per-request latencies (ms) of `send` against each base, in interleaved rounds. */
async function measure(
  send: (base: string) => Promise<void>,
  bases: Record<'direct' | 'proxy', string>,
  options: { rounds: number; perRound: number; warmup: number },
): Promise<Record<'direct' | 'proxy', number[]>> {
  const samples = { direct: [] as number[], proxy: [] as number[] };
  const order: ('direct' | 'proxy')[] = ['direct', 'proxy'];
  for (const name of order) for (let i = 0; i < options.warmup; i++) await send(bases[name]);
  for (let round = 0; round < options.rounds; round++) {
    for (const name of round % 2 === 0 ? order : [...order].reverse()) {
      for (let i = 0; i < options.perRound; i++) {
        const started = performance.now();
        await send(bases[name]);
        samples[name].push(performance.now() - started);
      }
    }
  }
  return samples;
}

const ms = (value: number) => value.toFixed(3);

/** Runs the section: p50 and p99 direct and through the proxy, per request kind. */
export async function runProxyLatency(): Promise<SectionResult> {
  const mock = await startChild(fileURLToPath(new URL('./servers/mock.ts', import.meta.url)));
  const proxy = await startProxy(mock.url);
  const rows: string[][] = [];
  let added = Number.NaN;
  let report: { findings: { total: number }; checking: { meanMs: number }; exchanges: number } | undefined;
  try {
    for (const route of routes(mock.apiKey, mock.sandboxId)) {
      const samples = await measure(
        route.send,
        { direct: mock.url, proxy: proxy.url },
        {
          rounds: 10,
          perRound: 200,
          warmup: 300,
        },
      );
      const p50 = { direct: quantile(samples.direct, 0.5), proxy: quantile(samples.proxy, 0.5) };
      const p99 = { direct: quantile(samples.direct, 0.99), proxy: quantile(samples.proxy, 0.99) };
      if (route.label === 'GET one sandbox') added = p50.proxy - p50.direct;
      rows.push([
        route.label,
        ms(p50.direct),
        ms(p50.proxy),
        ms(p50.proxy - p50.direct),
        ms(p99.direct),
        ms(p99.proxy),
      ]);
    }
    report = (await (await fetch(`${proxy.url}/_mock/report`)).json()) as typeof report;
  } finally {
    await proxy.stop();
    await mock.stop();
  }
  const markdown = [
    table(
      ['request', 'direct p50 ms', 'via proxy p50 ms', 'added p50 ms', 'direct p99 ms', 'via proxy p99 ms'],
      rows,
    ),
    `The proxy checked ${report?.exchanges ?? '?'} exchanges in this run, ${report?.checking.meanMs ?? '?'} ms each on average (after each answer was sent), with ${report?.findings.total ?? '?'} findings against the mock.`,
    'Loopback, one request in flight, `fetch` with keep-alive; the mock server and the proxy (`runra-mock --proxy`, built) each in their own process, unpinned. Each request is timed alone; direct and proxied requests alternate by rounds of 200 (10 rounds each, after 300 warm-up requests); figures are over all samples. The sandboxes were made before the proxy started, so the first get of one is learnt, and the rest are predicted; list items are checked for filters and order only (they were never seen whole).',
  ].join('\n\n');
  return {
    title: '5. The verifying proxy: added latency (loopback)',
    markdown,
    floors: [
      { name: 'proxy p50 added latency, GET (measured, no floor set)', met: true, detail: `${ms(added)} ms` },
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runProxyLatency();
  console.log(result.markdown);
}
