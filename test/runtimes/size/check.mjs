// Size budget on the INSTALLED tarball: `import { Runra } from 'runra'` bundled for the browser
// (esbuild, minified, tree-shaken, code splitting on, with ky and zod), gzip-compressed. The
// budget counts every chunk, lazy ones included (docs/decisions/0501). Fails above the budget,
// and fails if mock/msw/cli code, hono, msw, classic zod or any Node built-in is reachable.
import { builtinModules } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { RESULT_MARKER } from '../shared/scenario.mjs';

/** The size budget of `import { Runra }` (decision 0501): 12 kB, i.e. 12 * 1024 bytes of gzip. */
export const BUDGET_BYTES = 12 * 1024;

const FORBIDDEN_INPUTS = [
  { pattern: /node_modules\/runra\/dist\/(mock|msw|cli)\./, why: 'runra/mock, runra/msw or the CLI' },
  { pattern: /node_modules\/hono\//, why: 'hono (the mock server)' },
  { pattern: /node_modules\/msw\//, why: 'msw' },
  { pattern: /node_modules\/zod\/(v4\/)?classic\//, why: 'classic zod (the SDK must use zod/mini)' },
];
const NODE_BUILTINS = new Set(builtinModules);

/** An esbuild plugin that records every Node built-in an input imports instead of failing the build. */
function recordNodeImports(found) {
  return {
    name: 'record-node-imports',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        // `events`, `buffer`, `util`… count too: a browser bundler would need a Node polyfill.
        if (!args.path.startsWith('node:') && !NODE_BUILTINS.has(args.path)) return undefined;
        found.push(`${args.path} (imported by ${args.importer})`);
        return { path: args.path, external: true };
      });
    },
  };
}

const nodeImports = [];
const result = await build({
  stdin: {
    contents: "export { Runra } from 'runra';",
    resolveDir: dirname(fileURLToPath(import.meta.url)),
    loader: 'js',
  },
  bundle: true,
  write: false,
  outdir: 'out',
  splitting: true,
  minify: true,
  treeShaking: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  metafile: true,
  logLevel: 'warning',
  plugins: [recordNodeImports(nodeImports)],
});

// Chunks: the entry and what it imports statically load up front; the rest load on first use.
const outputs = result.metafile.outputs;
const gzipOf = new Map(
  result.outputFiles.map((file) => [
    Object.keys(outputs).find((key) => file.path.endsWith(key)),
    gzipSync(file.contents, { level: 9 }).byteLength,
  ]),
);
const entry = Object.keys(outputs).find((key) => outputs[key].entryPoint !== undefined);
const upFront = new Set();
const visit = (key) => {
  if (upFront.has(key)) return;
  upFront.add(key);
  for (const imported of outputs[key]?.imports ?? []) {
    if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  }
};
visit(entry);
const chunks = Object.keys(outputs).filter((key) => key.endsWith('.js'));
const sum = (keys) => keys.reduce((total, key) => total + (gzipOf.get(key) ?? 0), 0);
const upFrontBytes = sum([...upFront]);
const totalBytes = sum(chunks);
const minifiedBytes = chunks.reduce((total, key) => total + outputs[key].bytes, 0);

const inputs = Object.keys(result.metafile.inputs);
const problems = [];
for (const input of inputs) {
  for (const { pattern, why } of FORBIDDEN_INPUTS) {
    if (pattern.test(input)) problems.push(`${why} is reachable: ${input}`);
  }
}
for (const found of nodeImports) problems.push(`a Node built-in is reachable: ${found}`);
if (!inputs.some((input) => input.endsWith('node_modules/runra/dist/index.js'))) {
  problems.push('the bundle did not resolve runra to dist/index.js (the ESM build)');
}
if (totalBytes > BUDGET_BYTES) {
  problems.push(`gzip size ${totalBytes} B (all chunks) is over the budget of ${BUDGET_BYTES} B`);
}

const byPackage = new Map();
for (const key of chunks) {
  for (const [input, { bytesInOutput }] of Object.entries(outputs[key].inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input;
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
}
const kB = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;
console.log(`import { Runra } from 'runra' (browser bundle from the tarball, minified ${minifiedBytes} B)`);
console.log(`  gzip, all chunks:    ${totalBytes} B = ${kB(totalBytes)} (budget ${kB(BUDGET_BYTES)})`);
console.log(`  of which up front:   ${upFrontBytes} B; loaded on first use: ${totalBytes - upFrontBytes} B`);
for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).filter(([, bytes]) => bytes > 0)) {
  console.log(`  ${name.padEnd(10)} ${String(bytes).padStart(7)} B minified`);
}
for (const problem of problems) console.log(`FAIL: ${problem}`);
const ok = problems.length === 0;
const summary = { target: 'size', runtime: 'esbuild', ok, steps: [], gzipBytes: totalBytes, upFrontBytes };
console.log(RESULT_MARKER + JSON.stringify(summary));
if (!ok) process.exitCode = 1;
