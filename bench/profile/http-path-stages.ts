/**
 * Where a GET's time goes on the mock's Node server path, stage by stage, in-process and
 * without sockets: converting the Node request to a fetch `Request`, the mock's fetch
 * handler, and writing the fetch `Response` back, beside what a bare `node:http` handler does.
 * Also times the alternatives proposed in the report (no `Request`, body kept as a string).
 * Run: npx tsx bench/profile/http-path-stages.ts
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Hono } from 'hono';
import { createMockApi } from '../../dist/mock.js';
import { toWebRequest, writeWebResponse } from '../../mock-server/node/convert.js';
import { interleaved } from '../lib/stats.js';
import { BENCH_API_KEY } from '../servers/protocol.js';

const api = createMockApi({ clock: 'manual', seed: 7 });
const created = api.machine.create(BENCH_API_KEY, { image: 'node:22', metadata: { team: 't0' } });
if (!created.ok) throw new Error(created.error.message);
const path = `/v1/sandboxes/${created.value.id}`;
const origin = 'http://127.0.0.1:4010';

// The headers undici's fetch (and so the SDK) sends on a GET.
const rawHeaders = [
  'host',
  '127.0.0.1:4010',
  'connection',
  'keep-alive',
  'accept',
  'application/json',
  'authorization',
  `Bearer ${BENCH_API_KEY}`,
  'accept-language',
  '*',
  'sec-fetch-mode',
  'cors',
  'user-agent',
  'node',
  'accept-encoding',
  'gzip, deflate',
];
const headers: Record<string, string> = {};
for (let i = 0; i < rawHeaders.length; i += 2) headers[rawHeaders[i]!] = rawHeaders[i + 1]!;
const req = { method: 'GET', url: path, rawHeaders, headers } as unknown as IncomingMessage;

/** A ServerResponse stand-in that only records what is set (no socket). */
function fakeRes(): ServerResponse {
  const set = new Map<string, unknown>();
  return {
    statusCode: 200,
    statusMessage: '',
    setHeader: (k: string, v: unknown) => set.set(k.toLowerCase(), v),
    hasHeader: (k: string) => set.has(k.toLowerCase()),
    writeHead: () => undefined,
    end: () => undefined,
    write: () => true,
  } as unknown as ServerResponse;
}

const prepared = await (await api.fetch(toWebRequest(req, origin).request)).text();
const body = Buffer.from(prepared);
const baseHeaders = { 'content-type': 'application/json', 'content-length': String(body.byteLength) };

// Hono's own cost: the same route shape answering one prebuilt, bodyless Response.
const answered = new Response(null, { status: 204 });
const hono = new Hono();
hono.get('/v1/sandboxes/:id', (c) => {
  c.req.param('id');
  c.req.header('authorization');
  return answered;
});
const honoRequest = new Request(origin + path, { headers });
const plainRequest = new Request(origin + path, { headers });

const results = await interleaved(
  [
    {
      name: 'B1 machine.get (settle + toSandbox)',
      run: async () => api.machine.get(BENCH_API_KEY, created.value.id),
    },
    { name: 'B2 Hono route, prebuilt Response', run: async () => hono.fetch(honoRequest) },
    {
      name: 'B3 3× new Date(ms).toISOString()',
      run: async () => [1, 2, 3].map((n) => new Date(n * 1e12).toISOString()),
    },
    {
      name: 'B4 2× request.headers.get(authorization)',
      run: async () => [plainRequest.headers.get('authorization'), plainRequest.headers.get('authorization')],
    },
    { name: 'A toWebRequest (Headers + new Request)', run: async () => toWebRequest(req, origin) },
    { name: 'A0 new Request(url) alone, no headers', run: async () => new Request(origin + path) },
    {
      name: 'B api.fetch(request) + read nothing',
      run: async () => api.fetch(new Request(origin + path, { headers })),
    },
    {
      name: 'C new Response(json) + writeWebResponse',
      run: async () =>
        writeWebResponse(fakeRes(), new Response(prepared, { status: 200, headers: baseHeaders })),
    },
    {
      name: 'C0 new Response(json) alone',
      run: async () => new Response(prepared, { headers: baseHeaders }),
    },
    {
      name: 'full: toWebRequest + api.fetch + writeWebResponse',
      run: async () => writeWebResponse(fakeRes(), await api.fetch(toWebRequest(req, origin).request)),
    },
    {
      name: 'bare: writeHead + end(constant)',
      run: async () => {
        const res = fakeRes();
        res.writeHead(200, baseHeaders);
        res.end(body);
      },
    },
  ],
  { rounds: 15, callsPerRound: 4000, warmupCalls: 5000 },
);
for (const [name, us] of results) console.log(`${us.toFixed(2).padStart(7)} µs  ${name}`);
