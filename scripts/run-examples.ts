/**
 * Runs every runnable example against the mock, each in its own process, and fails if any
 * fails. Wired as `npm run examples` (`tsx scripts/run-examples.ts`). `--only <name>` runs one.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TIMEOUT_MS = 120_000;

/** Each example and the command that runs it; a `.ts` file runs under tsx. */
const EXAMPLES: { name: string; args: string[] }[] = [
  { name: 'demo', args: ['examples/demo.ts'] },
  { name: 'quickstart', args: ['examples/quickstart.ts'] },
  { name: 'list-and-filter', args: ['examples/list-and-filter.ts'] },
  { name: 'error-handling', args: ['examples/error-handling.ts'] },
  { name: 'lifecycle-with-clock', args: ['examples/lifecycle-with-clock.ts'] },
  {
    name: 'vitest-msw',
    args: ['node_modules/vitest/vitest.mjs', 'run', '--config', 'examples/vitest-msw/vitest.config.ts'],
  },
  { name: 'browser', args: ['examples/browser/smoke.ts'] },
  { name: 'cloudflare-worker', args: ['examples/cloudflare-worker/smoke.ts'] },
];

interface Outcome {
  name: string;
  ok: boolean;
  ms: number;
  output: string;
}

function run(name: string, args: string[]): Promise<Outcome> {
  const started = performance.now();
  const nodeArgs = args[0]?.endsWith('.ts') ? ['--import', 'tsx', ...args] : args;
  // The embedded mock is the target: a key in the environment would send the demo elsewhere.
  const env = { ...process.env, RUNRA_API_KEY: '', RUNRA_BASE_URL: '', FORCE_COLOR: '0' };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, nodeArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      resolve({ name, ok: code === 0, ms, output: signal ? `${output}\nkilled by ${signal}` : output });
    });
  });
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const selected = EXAMPLES.filter((example) => !only || example.name === only);
if (selected.length === 0) {
  console.error(`no example named ${only}; known: ${EXAMPLES.map((e) => e.name).join(', ')}`);
  process.exit(2);
}

const outcomes: Outcome[] = [];
for (const { name, args } of selected) {
  const outcome = await run(name, args);
  outcomes.push(outcome);
  console.log(`${outcome.ok ? 'ok  ' : 'FAIL'} ${name} (${outcome.ms} ms)`);
  if (!outcome.ok || process.env.EXAMPLES_VERBOSE) console.log(indent(outcome.output));
}

const failed = outcomes.filter((o) => !o.ok);
console.log(`\nexamples: ${outcomes.length - failed.length} passed, ${failed.length} failed`);
process.exitCode = failed.length > 0 ? 1 : 0;

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
