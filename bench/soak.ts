/**
 * `npm run soak`: the mock's Node server under sustained mixed traffic, its heap measured.
 *
 * Each variant starts the server in its own process (bench/soak/server.ts, run with
 * `--expose-gc`) and drives it from this one over loopback HTTP with autocannon: every
 * connection repeats create (a fresh Idempotency-Key each) → get → pause → resume (each with
 * a fresh key, as the SDK sends) → list → get → terminate. The run is cut in four equal
 * quarters; after each, the server reports its heap after a forced GC and the size of each
 * store. Two variants: the system clock, and a manual clock that is never advanced (nothing
 * ever expires by time, so only the count and size bounds hold memory back).
 *
 * It fails (exit 1) when any answer is not 2xx, when a quarter's heap reaches the ceiling
 * (256 MB), when the heap does not plateau (the last quarter more than 10% above or below the
 * second), or when a variant overruns its time budget.
 *
 *   npm run soak                      both variants, >= 1,000,000 requests each, default limits
 *   npm run soak -- --short           both variants, 100,000 requests each, limits scaled down (CI)
 *   npm run soak -- --variant manual  one variant; also --requests N, --connections N, --max-seconds N
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { SoakMessage, SoakReply, StoreSizes } from './soak/protocol.js';

const CEILING_MB = 256;
const PLATEAU = 0.1;
/** The requests of one cycle: create, get, pause, resume, list, get, terminate. */
const CYCLE = 7;

const { values } = parseArgs({
  options: {
    short: { type: 'boolean' },
    variant: { type: 'string' },
    requests: { type: 'string' },
    connections: { type: 'string' },
    'max-seconds': { type: 'string' },
  },
});
const short = values.short ?? false;
const connections = Number(values.connections ?? 16);
const wanted = Number(values.requests ?? (short ? 100_000 : 1_000_000));
const maxSeconds = Number(values['max-seconds'] ?? (short ? 150 : 900));
/**
 * The short run is too brief to fill the default bounds (10,000 terminated sandboxes,
 * 10,000 idempotent responses) before its second quarter, so it scales them down: the
 * mechanism measured is the same, the plateau is reached sooner.
 */
const limits = short
  ? { terminatedSandboxes: 2000, idempotencyEntries: 2000, journalEntries: 500 }
  : undefined;
const variants = values.variant === undefined ? ['system', 'manual'] : [values.variant];
for (const variant of variants) {
  if (variant !== 'system' && variant !== 'manual')
    throw new Error(`--variant must be system or manual, got ${variant}`);
}
// Each quarter ends on a whole cycle of every connection, so no sandbox is left half-way.
const quarter = Math.ceil(wanted / 4 / (CYCLE * connections)) * CYCLE * connections;

const SERVER = fileURLToPath(new URL('./soak/server.ts', import.meta.url));
const API_KEY = 'sk_test_soak_0001';
const AUTH = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
const CREATE_BODY = JSON.stringify({
  image: 'node:22',
  env: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`VAR_${i}`, `value-${i}-${'x'.repeat(24)}`])),
  metadata: { suite: 'soak', team: 'runra' },
});
const ID = /"id":"(sb_[a-z0-9]{17})"/;

interface Server {
  url: string;
  measure(): Promise<{ heapUsed: number; stores: StoreSizes }>;
  stop(): Promise<void>;
}

/** Forks the server child and waits for its URL. */
function startServer(variant: string): Promise<Server> {
  const args = [
    ...(variant === 'manual' ? ['--manual-clock'] : []),
    ...(limits ? ['--limits', JSON.stringify(limits)] : []),
  ];
  const child: ChildProcess = fork(SERVER, args, {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: 'inherit',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = () =>
    new Promise<SoakReply>((resolve, reject) => {
      child.once('message', (reply: SoakReply) => resolve(reply));
      child.once('exit', (code) => reject(new Error(`the soak server exited (${code})`)));
    });
  const ask = (message: SoakMessage) => child.send(message);
  return next().then((ready) => {
    if (ready.type !== 'ready') throw new Error('the soak server did not get ready');
    return {
      url: ready.url,
      measure: async () => {
        const reply = next();
        ask({ type: 'measure' });
        const measured = await reply;
        if (measured.type !== 'measured') throw new Error('unexpected reply');
        return measured;
      },
      stop: async () => {
        ask({ type: 'stop' });
        await exited;
      },
    };
  });
}

/** One autocannon run of `amount` requests: every connection loops over the cycle. */
function drive(url: string, amount: number, deadline: number, tally: Map<string, number>) {
  let key = 0;
  const fresh = () => `soak-${process.pid}-${key++}`;
  const count = (kind: string, status: number) => {
    const name = `${kind} ${status}`;
    tally.set(name, (tally.get(name) ?? 0) + 1);
  };
  type Context = { id?: string | undefined };
  const byId = (
    method: 'GET' | 'POST' | 'DELETE',
    suffix: string,
    kind: string,
    idempotent = false,
  ): autocannon.Request => ({
    method,
    setupRequest: (request, context) => ({
      ...request,
      path: `/v1/sandboxes/${(context as Context).id}${suffix}`,
      headers: idempotent ? { ...AUTH, 'idempotency-key': fresh() } : AUTH,
    }),
    onResponse: (status) => count(kind, status),
  });
  // Called without a callback, autocannon returns its tracker, which is also a promise of the result.
  const instance = autocannon({
    url,
    connections,
    amount,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/v1/sandboxes',
        body: CREATE_BODY,
        setupRequest: (request) => ({ ...request, headers: { ...AUTH, 'idempotency-key': fresh() } }),
        onResponse: (status, body, context) => {
          count('create', status);
          (context as Context).id = ID.exec(body)?.[1];
        },
      },
      byId('GET', '', 'get'),
      byId('POST', '/pause', 'pause', true),
      byId('POST', '/resume', 'resume', true),
      {
        method: 'GET',
        path: '/v1/sandboxes?limit=20',
        headers: AUTH,
        onResponse: (status) => count('list', status),
      },
      byId('GET', '', 'get'),
      byId('DELETE', '', 'terminate'),
    ],
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  const timer = setTimeout(() => instance.stop(), Math.max(0, deadline - Date.now()));
  return instance.then((result) => {
    clearTimeout(timer);
    return { result, timedOut: Date.now() >= deadline };
  });
}

const mb = (bytes: number) => bytes / 2 ** 20;

interface VariantOutcome {
  variant: string;
  heapsMb: number[];
  failures: string[];
}

async function soak(variant: string): Promise<VariantOutcome> {
  const server = await startServer(variant);
  const deadline = Date.now() + maxSeconds * 1000;
  const failures: string[] = [];
  const tally = new Map<string, number>();
  const heapsMb: number[] = [];
  const rows: string[] = [];
  try {
    const before = await server.measure();
    console.log(
      `\n== ${variant} clock: ${4 * quarter} requests, ${connections} connections, heap before load ${mb(before.heapUsed).toFixed(1)} MB`,
    );
    const started = Date.now();
    for (let q = 1; q <= 4; q++) {
      const { result, timedOut } = await drive(server.url, quarter, deadline, tally);
      if (timedOut) failures.push(`did not finish within ${maxSeconds} s`);
      if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
        failures.push(
          `quarter ${q}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
        );
      }
      const { heapUsed, stores } = await server.measure();
      heapsMb.push(mb(heapUsed));
      rows.push(
        `| ${q} | ${(q * quarter).toLocaleString('en-US')} | ${mb(heapUsed).toFixed(1)} | ${Math.round(result.requests.average).toLocaleString('en-US')} | ${stores.liveSandboxes} | ${stores.terminatedSandboxes} | ${stores.idempotencyEntries} | ${stores.deadlines} | ${stores.rateLogEntries} | ${stores.journalEntries} |`,
      );
      console.log(
        `quarter ${q}: heap after GC ${mb(heapUsed).toFixed(1)} MB (${result.requests.average.toFixed(0)} req/s)`,
      );
      if (timedOut) break;
    }
    console.log(`\n${variant} clock, ${((Date.now() - started) / 1000).toFixed(0)} s:\n`);
    console.log(
      '| quarter | requests | heap MB | req/s | live | terminated | idempotency | deadlines | rate log | journal |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
    console.log(`\nanswers: ${[...tally].map(([name, n]) => `${name}: ${n}`).join(', ')}`);
  } finally {
    await server.stop();
  }
  const [, second, , last] = heapsMb;
  if (heapsMb.some((heap) => heap >= CEILING_MB))
    failures.push(`heap reached ${Math.max(...heapsMb).toFixed(1)} MB (ceiling ${CEILING_MB} MB)`);
  if (second !== undefined && last !== undefined && Math.abs(last - second) > PLATEAU * second) {
    failures.push(
      `no plateau: last quarter ${last.toFixed(1)} MB vs second ${second.toFixed(1)} MB (allowed ±${PLATEAU * 100}%)`,
    );
  }
  return { variant, heapsMb, failures };
}

const outcomes: VariantOutcome[] = [];
for (const variant of variants) outcomes.push(await soak(variant));
console.log('');
for (const { variant, heapsMb, failures } of outcomes) {
  const figures = heapsMb.map((heap) => heap.toFixed(1)).join(' → ');
  console.log(
    `${failures.length === 0 ? 'PASS' : 'FAIL'} ${variant} clock: heap after GC per quarter ${figures} MB${failures.length ? `; ${failures.join('; ')}` : ''}`,
  );
}
process.exitCode = outcomes.every((outcome) => outcome.failures.length === 0) ? 0 : 1;
