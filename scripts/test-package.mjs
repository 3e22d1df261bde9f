#!/usr/bin/env node
/**
 * `npm run test:package`: checks the artifact users install, not the source tree.
 * Builds, packs into `.tmp/pack/`, runs publint --strict and attw on the tarball, installs the
 * tarball into every fixture under `test/runtimes/` and runs the smoke scenario on each runtime
 * (see `test/runtimes/harness/targets.mjs` and docs/runtimes.md), then prints the matrix.
 * Exits 1 if anything failed. Installs what it needs itself (Node 22/24 via npx, Chromium via
 * apt-get when /usr/bin/chromium is missing, deno/bun/workerd/playwright-core/msw via npm).
 *
 * Usage: node scripts/test-package.mjs [--only id,id,...] [--skip-build] [--list]
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exec, pool, tail } from '../test/runtimes/harness/exec.mjs';
import { NODE_NEED, TARGETS } from '../test/runtimes/harness/targets.mjs';
import {
  ensureChromium,
  installedVersion,
  installFixture,
  nodeBinary,
} from '../test/runtimes/harness/tools.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packDir = join(root, '.tmp', 'pack');
const logDir = join(root, '.tmp', 'runtimes-logs');
const fixturesDir = join(root, 'test', 'runtimes');
const started = performance.now();

const { values: flags } = parseArgs({
  options: { only: { type: 'string' }, 'skip-build': { type: 'boolean' }, list: { type: 'boolean' } },
});
if (flags.list) {
  for (const target of TARGETS) console.log(`${target.id.padEnd(12)} ${target.runtime}`);
  process.exit(0);
}
const only = flags.only?.split(',').map((id) => id.trim());
const unknown = only?.filter((id) => !TARGETS.some((target) => target.id === id)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown target(s): ${unknown.join(', ')} (see --list)`);
  process.exit(2);
}
const selected = TARGETS.filter((target) => !only || only.includes(target.id));

/** @type {Array<{ runtime: string, version: string, result: string, ms: number }>} */
const rows = [];
const log = (message) => console.log(`[test:package] ${message}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const pkgVersion = (name) => installedVersion(root, name);
const pkgFile = (name, ...path) => join(root, 'node_modules', name, ...path);

/**
 * Runs a check in the repository root and records its row. On failure prints its output; a
 * fatal check (build, pack) also prints the table so far and exits 1, since nothing can follow.
 */
async function gate(runtime, version, command, args, fatal = true) {
  log(`${runtime}…`);
  const outcome = await exec(command, args, {
    cwd: root,
    timeoutMs: 300_000,
    logFile: join(logDir, `${runtime.replace(/\W+/g, '-')}.log`),
  });
  const ok = outcome.code === 0;
  rows.push({ runtime, version, result: ok ? 'pass' : 'FAIL', ms: outcome.ms });
  if (!ok) {
    console.log(tail(outcome.output));
    if (fatal) finish();
  }
  return outcome;
}

function finish() {
  const header = { runtime: 'runtime / check', version: 'version', result: 'result', ms: 'time' };
  const cells = (row) => [
    row.runtime,
    row.version,
    row.result,
    typeof row.ms === 'number' ? seconds(row.ms) : row.ms,
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[header, ...rows].map((row) => cells(row)[i].length)));
  const line = (row) =>
    `| ${cells(row)
      .map((cell, i) => cell.padEnd(widths[i]))
      .join(' | ')} |`;
  const table = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  mkdirSync(logDir, { recursive: true });
  writeFileSync(join(logDir, 'matrix.md'), `${table.join('\n')}\n`);
  const failed = rows.filter((row) => row.result !== 'pass').length;
  console.log(`\n${table.join('\n')}\n`);
  console.log(`logs: ${logDir}; took ${seconds(performance.now() - started)}`);
  console.log(`${rows.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

rmSync(logDir, { recursive: true, force: true });
const node = process.execPath;

// 1. Build and pack: the tarball is what every later step installs.
if (!flags['skip-build']) await gate('build (tsup)', `tsup ${pkgVersion('tsup')}`, 'npm', ['run', 'build']);
rmSync(packDir, { recursive: true, force: true });
mkdirSync(packDir, { recursive: true });
// `--ignore-scripts`: dist/ was just built (or is reused on purpose with --skip-build), so the
// package's `prepack` build would only repeat it.
const packed = await gate('npm pack', `npm`, 'npm', [
  'pack',
  '--json',
  '--ignore-scripts',
  '--pack-destination',
  packDir,
]);
const packInfo = JSON.parse(packed.output.slice(packed.output.indexOf('[')))[0];
const tarball = join(packDir, packInfo.filename);
copyFileSync(tarball, join(packDir, 'runra.tgz'));
rows[rows.length - 1].version =
  `${packInfo.name}@${packInfo.version}, ${packInfo.entryCount} files, ${packInfo.size} B`;
log(`packed ${tarball}`);

// 2. Lint the tarball itself.
await gate(
  'publint --strict',
  `publint ${pkgVersion('publint')}`,
  node,
  [pkgFile('publint', 'src', 'cli.js'), 'run', tarball, '--strict'],
  false,
);
await gate(
  'attw (profile strict)',
  `attw ${pkgVersion('@arethetypeswrong/cli')}`,
  node,
  [pkgFile('@arethetypeswrong/cli', 'dist', 'index.js'), tarball, '--format', 'table-flipped'],
  false,
);

// 3. Provision runtimes and install fixtures (in parallel: mostly network and disk).
const needs = new Set(selected.flatMap((target) => target.needs));
const fixtures = [...new Set(selected.map((target) => target.fixture))];
log(`provisioning ${[...needs].join(', ') || 'nothing extra'}; installing ${fixtures.length} fixtures…`);
const ctx = {
  node,
  nodes: /** @type {Record<string, string>} */ ({}),
  tsc: pkgFile('typescript', 'bin', 'tsc'),
  tsVersion: pkgVersion('typescript'),
};
const provisionErrors = new Map();
const provision = async (need) => {
  try {
    const nodeSpec = NODE_NEED.exec(need)?.[1];
    if (nodeSpec) ctx.nodes[nodeSpec] = (await nodeBinary(nodeSpec, root, logDir)).path;
    else if (need === 'chromium') await ensureChromium(root, logDir);
    else throw new Error(`no provisioner for ${need}`);
  } catch (error) {
    provisionErrors.set(need, error instanceof Error ? error.message : String(error));
  }
};
const installs = new Map();
await Promise.all([
  ...[...needs].map(provision),
  pool(
    fixtures.map(
      (name) => async () => installs.set(name, await installFixture(join(fixturesDir, name), logDir, name)),
    ),
    3,
  ),
]);

// 4. Run each target; a target whose install or tool failed is a failure, not a skip.
for (const target of selected) {
  const dir = join(fixturesDir, target.fixture);
  const install = installs.get(target.fixture);
  const missing = target.needs.find((need) => provisionErrors.has(need));
  if (install?.code !== 0 || missing) {
    const why = missing ? `${missing}: ${provisionErrors.get(missing)}` : tail(install?.output ?? '');
    log(`${target.id}: cannot run\n${why}`);
    rows.push({ runtime: target.runtime, version: '?', result: 'FAIL (setup)', ms: install?.ms ?? 0 });
    continue;
  }
  log(`${target.id}…`);
  let output = '';
  let ms = 0;
  let ok = true;
  let last;
  for (const [command, args] of target.steps(ctx, dir)) {
    last = await exec(command, args, { cwd: dir, logFile: join(logDir, `${target.id}.log`) });
    output += last.output;
    ms += last.ms;
    if (last.code !== 0) {
      ok = false;
      break;
    }
  }
  const result = last?.result;
  if (result?.ok !== true) ok = false;
  const version = target.version(result, ctx, dir, output);
  rows.push({ runtime: target.runtime, version, result: ok ? 'pass' : 'FAIL', ms });
  if (!ok) console.log(tail(output));
  else if (target.id === 'size') console.log(tail(output, 12));
}

finish();
