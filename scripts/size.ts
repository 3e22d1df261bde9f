/**
 * Bundle-size ceiling of the SDK: bundles `import { Runra } from 'runra'` for the browser
 * with esbuild (minified, code splitting on, as an app bundler would), prints the gzip size
 * of what loads up front and of the validators loaded on first use, and exits 1 when the
 * up-front part is above the budget or any `node:` import is reachable.
 *
 * Run: `npx tsx scripts/size.ts`
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const BUDGET_BYTES = 12 * 1024;
const root = fileURLToPath(new URL('..', import.meta.url));

const nodeImports = new Set<string>();
const result = await build({
  stdin: {
    contents: "import { Runra } from './src/index.ts';\nexport { Runra };\n",
    resolveDir: root,
    sourcefile: 'size-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outdir: 'size-out',
  write: false,
  metafile: true,
  logLevel: 'silent',
  plugins: [
    {
      name: 'record-node-imports',
      setup(pluginBuild) {
        pluginBuild.onResolve({ filter: /^node:/ }, (args) => {
          nodeImports.add(`${args.path} (from ${args.importer})`);
          return { path: args.path, external: true };
        });
      },
    },
  ],
});

const gzipped = new Map(
  result.outputFiles.map((file) => [
    file.path.slice(file.path.lastIndexOf('size-out/')),
    gzipSync(file.contents).length,
  ]),
);
const outputs: Metafile['outputs'] = result.metafile.outputs;
const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint !== undefined);
if (!entry) throw new Error('esbuild produced no entry chunk');

/** The entry chunk and every chunk it imports statically: what loads before first use. */
const upFront = new Set<string>();
const visit = (path: string) => {
  if (upFront.has(path)) return;
  upFront.add(path);
  for (const imported of outputs[path]?.imports ?? []) {
    if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  }
};
visit(entry);

const sizeOf = (paths: Iterable<string>) =>
  [...paths].reduce((sum, path) => sum + (gzipped.get(path) ?? 0), 0);
const lazy = Object.keys(outputs).filter((path) => path.endsWith('.js') && !upFront.has(path));
const kB = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;
const upFrontBytes = sizeOf(upFront);

console.log(`import { Runra } from 'runra' (browser, minified + gzip)`);
console.log(`  up front:            ${kB(upFrontBytes)}  (budget ${kB(BUDGET_BYTES)})`);
console.log(`  loaded on first use: ${kB(sizeOf(lazy))}  (zod validators, docs/decisions/0100)`);
console.log(
  `  total:               ${kB(upFrontBytes + sizeOf(lazy))}  (not gated here: docs/decisions/0100 vs 0501)`,
);

let failed = false;
if (upFrontBytes > BUDGET_BYTES) {
  console.error(`FAIL: ${kB(upFrontBytes)} is above the ${kB(BUDGET_BYTES)} budget`);
  failed = true;
}
if (nodeImports.size > 0) {
  console.error(`FAIL: node: imports are reachable:\n  ${[...nodeImports].join('\n  ')}`);
  failed = true;
}
process.exit(failed ? 1 : 0);
