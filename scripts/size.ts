/**
 * Bundle-size ceiling of the SDK: bundles `import { Runra } from 'runra'` for the browser
 * with esbuild (minified, tree-shaken, code splitting on, as an app bundler would), gzips
 * EVERY chunk it can load (docs/decisions/0501) and prints the total and its split by
 * package. Exits 1 when the total is above 12 kB, or when zod, hono, msw, mock-server code
 * or any `node:` import is reachable (docs/decisions/0100).
 *
 * Run: `npx tsx scripts/size.ts`
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const BUDGET_BYTES = 12 * 1024;
/** What must never reach the SDK bundle: zod is for the mock and the generator only. */
const FORBIDDEN = /(^|\/)node_modules\/(zod|hono|msw)\/|(^|\/)mock-server\//;
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

const outputs: Metafile['outputs'] = result.metafile.outputs;
const chunks = result.outputFiles.filter((file) => file.path.endsWith('.js'));
const total = chunks.reduce((sum, file) => sum + gzipSync(file.contents, { level: 9 }).length, 0);
const minified = chunks.reduce((sum, file) => sum + file.contents.length, 0);

/** `ky`, `zod`, … for a dependency; `runra <folder>` for our own source. */
function packageOf(input: string): string {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (dependency?.[1]) return dependency[1];
  const own = /^src\/(.+)\/[^/]+$/.exec(input);
  return input.startsWith('src/') ? `runra ${own?.[1] ?? '(entry files)'}` : input;
}

const bytesByPackage = new Map<string, number>();
const forbidden = new Set<string>();
for (const output of Object.values(outputs)) {
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (bytesInOutput === 0) continue;
    const name = packageOf(input);
    bytesByPackage.set(name, (bytesByPackage.get(name) ?? 0) + bytesInOutput);
    if (FORBIDDEN.test(input)) forbidden.add(input);
  }
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;
console.log(`import { Runra } from 'runra' (browser, minified + gzip, every chunk)`);
console.log(`  total: ${kB(total)} gzip in ${chunks.length} chunk(s)  (budget ${kB(BUDGET_BYTES)})`);
console.log('  split by package (minified bytes; gzip share in proportion):');
for (const [name, bytes] of [...bytesByPackage].sort((a, b) => b[1] - a[1])) {
  const share = minified ? (total * bytes) / minified : 0;
  console.log(`    ${name.padEnd(24)} ${String(bytes).padStart(6)} B  ~${kB(share)}`);
}

let failed = false;
if (total > BUDGET_BYTES) {
  console.error(`FAIL: ${kB(total)} is above the ${kB(BUDGET_BYTES)} budget`);
  failed = true;
}
if (forbidden.size > 0) {
  console.error(`FAIL: zod, hono, msw or mock code is reachable:\n  ${[...forbidden].join('\n  ')}`);
  failed = true;
}
if (nodeImports.size > 0) {
  console.error(`FAIL: node: imports are reachable:\n  ${[...nodeImports].join('\n  ')}`);
  failed = true;
}
process.exit(failed ? 1 : 0);
