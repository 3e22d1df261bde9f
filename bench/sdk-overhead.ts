/**
 * Section 1: SDK per-call overhead of `runra.sandboxes.get` against the limit (raw fetch +
 * JSON.parse), bare ky and openapi-fetch, on the same mock handler: first in-process
 * (`createMockApi().fetch`), then over loopback HTTP (the mock server in a child process).
 * Run alone: npx tsx bench/sdk-overhead.ts
 */
import { fileURLToPath } from 'node:url';
import ky from 'ky';
import createClient from 'openapi-fetch';
import { Runra } from '../dist/index.js';
import { createMockApi } from '../dist/mock.js';
import { startChild } from './lib/child-server.js';
import { floor, type SectionResult, table } from './lib/section.js';
import { type Contender, interleaved, ratio } from './lib/stats.js';
import { BENCH_API_KEY } from './servers/protocol.js';

type FetchHandler = (request: Request) => Promise<Response>;

/** The four clients doing the same GET of one sandbox through `fetch` (a handler or the real one). */
function contenders(baseURL: string, id: string, fetch: FetchHandler | undefined): Contender[] {
  const headers = { authorization: `Bearer ${BENCH_API_KEY}`, accept: 'application/json' };
  const send = fetch ?? ((request: Request) => globalThis.fetch(request));
  const url = `${baseURL}/v1/sandboxes/${id}`;
  // ky always hands its fetch a Request.
  const kyFetch = fetch && ((input: unknown) => fetch(input as Request));
  const kyClient = ky.create({ prefixUrl: `${baseURL}/v1`, headers, ...(kyFetch ? { fetch: kyFetch } : {}) });
  // Untyped use (no generated paths type): the call shape is openapi-fetch's documented one.
  const openapiGet = createClient({ baseUrl: baseURL, headers, ...(fetch ? { fetch } : {}) })
    .GET as unknown as (path: string, init: { params: { path: { id: string } } }) => Promise<unknown>;
  const runra = new Runra({ apiKey: BENCH_API_KEY, baseURL, ...(fetch ? { fetch } : {}) });
  return [
    {
      name: 'raw fetch + JSON.parse (limit)',
      run: async () => JSON.parse(await (await send(new Request(url, { headers }))).text()),
    },
    { name: 'bare ky', run: () => kyClient.get(`sandboxes/${id}`).json() },
    {
      name: 'openapi-fetch',
      run: () => openapiGet('/v1/sandboxes/{id}', { params: { path: { id } } }),
    },
    { name: 'runra', run: () => runra.sandboxes.get(id) },
  ];
}

function figures(title: string, results: Map<string, number>): string {
  const limit = results.get('raw fetch + JSON.parse (limit)')!;
  const kyUs = results.get('bare ky')!;
  const rows = [...results].map(([name, us]) => [name, us.toFixed(1), ratio(us, limit), ratio(us, kyUs)]);
  return `### ${title}\n\n${table(['client', 'µs/call (median of rounds)', '× limit', '× bare ky'], rows)}`;
}

/** Runs both halves and checks the floors (runra ≤ 1.15× bare ky in-process, ≤ 1.25× raw over loopback). */
export async function runSdkOverhead(): Promise<SectionResult> {
  const api = createMockApi({ clock: 'manual', seed: 7 });
  const created = api.machine.create(BENCH_API_KEY, { image: 'node:22', metadata: { team: 't0' } });
  if (!created.ok) throw new Error(created.error.message);
  const inProcess = await interleaved(
    contenders('http://mock.local', created.value.id, (request) => api.fetch(request)),
    { rounds: 15, callsPerRound: 2000, warmupCalls: 3000 },
  );

  const script = fileURLToPath(new URL('./servers/mock.ts', import.meta.url));
  const server = await startChild(script);
  let loopback: Map<string, number>;
  try {
    loopback = await interleaved(contenders(server.url, server.sandboxId, undefined), {
      rounds: 9,
      callsPerRound: 500,
      warmupCalls: 1000,
    });
  } finally {
    await server.stop();
  }

  const runraKy = inProcess.get('runra')! / inProcess.get('bare ky')!;
  const runraRaw = loopback.get('runra')! / loopback.get('raw fetch + JSON.parse (limit)')!;
  const markdown = [
    figures('In-process (`createMockApi().fetch` as the fetch)', inProcess),
    figures('Loopback HTTP (mock server in a child process, one request in flight)', loopback),
    'Each round times N sequential calls of one client; the clients take turns in rotating order; the figure is the median over rounds. The mock handler is in every row: differences between rows are client cost.',
  ].join('\n\n');
  return {
    title: '1. SDK per-call overhead (`sandboxes.get`)',
    markdown,
    floors: [
      floor('runra ≤ 1.15× bare ky, in-process', runraKy, 1.15, 'atMost'),
      floor('runra ≤ 1.25× raw fetch, loopback', runraRaw, 1.25, 'atMost'),
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runSdkOverhead();
  console.log(result.markdown);
  for (const f of result.floors) console.log(`${f.met ? 'MET ' : 'MISS'} ${f.name}: ${f.detail}`);
}
