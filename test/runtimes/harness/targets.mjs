// The runtime matrix: one row per target, each naming its fixture, the tools it needs and the
// commands that run it. `scripts/test-package.mjs` provisions, installs and runs them.
import { join } from 'node:path';
import { installedVersion } from './tools.mjs';

/**
 * @typedef {{ node: string, nodes: Record<string, string>, tsc: string, tsVersion: string }} Context
 * @typedef {{ id: string, runtime: string, fixture: string, needs: string[],
 *   steps: (ctx: Context, dir: string) => Array<[string, string[]]>,
 *   version: (result: Record<string, any> | undefined, ctx: Context, dir: string, output: string) => string }} Target
 */

/** Needs of the form `node@<spec>` are provisioned with `npx -y node@<spec>`. */
export const NODE_NEED = /^node@(.+)$/;

const fromResult = (result) => result?.version ?? '?';
const nodeOf = (ctx, spec) => ctx.nodes[spec] ?? `node@${spec}-was-not-provisioned`;

/** A Node consumer (ESM `smoke.mjs` or CJS `smoke.cjs`) on the Node that `spec` names (`current`: this one). */
function nodeTarget(id, runtime, spec, kind) {
  const fixture = kind === 'esm' ? 'node-esm' : 'node-cjs';
  const file = kind === 'esm' ? 'smoke.mjs' : 'smoke.cjs';
  return {
    id,
    runtime,
    fixture,
    needs: spec === 'current' ? [] : [`node@${spec}`],
    steps: (ctx) => [[spec === 'current' ? ctx.node : nodeOf(ctx, spec), [file]]],
    version: (result) => result?.version ?? (spec === 'current' ? process.version : `node@${spec}`),
  };
}

/** @type {Target[]} */
export const TARGETS = [
  nodeTarget('node20-esm', 'Node 20 (ESM import)', 'current', 'esm'),
  nodeTarget('node20-cjs', 'Node 20 (CJS require)', 'current', 'cjs'),
  nodeTarget('node20.0-esm', 'Node 20.0, engines floor (ESM import)', '20.0.0', 'esm'),
  nodeTarget('node20.0-cjs', 'Node 20.0, engines floor (CJS require)', '20.0.0', 'cjs'),
  {
    id: 'ts-node16',
    runtime: 'TypeScript, moduleResolution node16 (.ts + .cts)',
    fixture: 'ts-node16',
    needs: [],
    steps: (ctx) => [
      [ctx.node, [ctx.tsc, '-p', 'tsconfig.json']],
      [ctx.node, ['run.mjs']],
    ],
    version: (_result, ctx) => `tsc ${ctx.tsVersion}`,
  },
  {
    id: 'ts-bundler',
    runtime: 'TypeScript, moduleResolution bundler (+ esbuild)',
    fixture: 'ts-bundler',
    needs: [],
    steps: (ctx) => [
      [ctx.node, [ctx.tsc, '-p', 'tsconfig.json']],
      [ctx.node, ['run.mjs']],
    ],
    version: (_result, ctx) => `tsc ${ctx.tsVersion}`,
  },
  nodeTarget('node22-esm', 'Node 22 (ESM import)', '22', 'esm'),
  nodeTarget('node22-cjs', 'Node 22 (CJS require)', '22', 'cjs'),
  nodeTarget('node24-esm', 'Node 24 (ESM import)', '24', 'esm'),
  nodeTarget('node24-cjs', 'Node 24 (CJS require)', '24', 'cjs'),
  {
    id: 'deno',
    runtime: 'Deno (node_modules, no permissions)',
    fixture: 'deno',
    needs: [],
    steps: (_ctx, dir) => [[join(dir, 'node_modules', '.bin', 'deno'), ['run', '--no-prompt', 'smoke.ts']]],
    version: fromResult,
  },
  {
    id: 'bun',
    runtime: 'Bun',
    fixture: 'bun',
    needs: [],
    steps: (_ctx, dir) => [[join(dir, 'node_modules', '.bin', 'bun'), ['smoke.ts']]],
    version: fromResult,
  },
  {
    id: 'workerd',
    runtime: 'workerd (worker bundle, no nodejs_compat)',
    fixture: 'workerd',
    needs: [],
    steps: (ctx) => [[ctx.node, ['run.mjs']]],
    version: (_result, _ctx, dir) => `workerd ${installedVersion(dir, 'workerd')}`,
  },
  {
    id: 'chromium',
    runtime: 'Chromium (page → runra-mock CLI, CORS)',
    fixture: 'chromium',
    needs: ['chromium'],
    steps: (ctx) => [[ctx.node, ['run.mjs']]],
    version: (_result, _ctx, _dir, output) => /^browser ([^\s,]+)/m.exec(output)?.[1] ?? '?',
  },
  {
    id: 'msw2',
    runtime: 'runra/msw + msw 2 on Node 20',
    fixture: 'msw2',
    needs: [],
    steps: (ctx) => [[ctx.node, ['smoke.mjs', 'msw2']]],
    version: (result, _ctx, dir) => `msw ${installedVersion(dir, 'msw')}, node ${fromResult(result)}`,
  },
  {
    id: 'msw3',
    runtime: 'runra/msw + msw 3 on Node 22',
    fixture: 'msw3',
    needs: ['node@22'],
    steps: (ctx) => [[nodeOf(ctx, '22'), ['smoke.mjs', 'msw3']]],
    version: (result, _ctx, dir) => `msw ${installedVersion(dir, 'msw')}, node ${fromResult(result)}`,
  },
  {
    id: 'size',
    runtime: "Size: import { Runra } from 'runra' (browser, min+gzip ≤ 12 kB)",
    fixture: 'size',
    needs: [],
    steps: (ctx) => [[ctx.node, ['check.mjs']]],
    version: (result) => (result?.gzipBytes === undefined ? '?' : `${result.gzipBytes} B gzip`),
  },
];
