/**
 * Section 4: bundle size of one import for a browser, min + gzip, measured the same way for
 * runra and its peers: esbuild (browser platform, ESM, minified, code splitting so lazy
 * chunks are counted separately), then gzip level 9 of every output file.
 * Run alone: npx tsx bench/bundle-size.ts
 */

import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type SectionResult, table } from './lib/section.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const SUBJECTS = [
  { name: 'runra', code: `import { Runra } from './dist/index.js'; globalThis.x = Runra;` },
  { name: 'openai', code: `import OpenAI from 'openai'; globalThis.x = OpenAI;` },
  { name: 'openapi-fetch', code: `import createClient from 'openapi-fetch'; globalThis.x = createClient;` },
  { name: 'ky', code: `import ky from 'ky'; globalThis.x = ky;` },
] as const;

interface Size {
  /** The entry chunk and what it imports statically: what loads before the first call. */
  initialGzip: number;
  /** Every chunk, lazy ones included. */
  totalGzip: number;
  totalMin: number;
}

async function measure(code: string): Promise<Size> {
  const result = await build({
    stdin: { contents: code, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    absWorkingDir: ROOT,
    outdir: 'bench-bundle-out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const meta = result.metafile.outputs;
  const entry = Object.keys(meta).find((path) => meta[path]!.entryPoint !== undefined)!;
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const imported of meta[path]!.imports)
      if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  let initialGzip = 0;
  let totalGzip = 0;
  let totalMin = 0;
  for (const file of result.outputFiles) {
    const gz = gzipSync(file.contents, { level: 9 }).byteLength;
    totalGzip += gz;
    totalMin += file.contents.byteLength;
    if (initial.has(relative(ROOT, file.path))) initialGzip += gz;
  }
  return { initialGzip, totalGzip, totalMin };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** Measures each subject and tabulates them with the ratio to runra. */
export async function runBundleSize(): Promise<SectionResult> {
  const sizes = new Map<string, Size>();
  for (const s of SUBJECTS) sizes.set(s.name, await measure(s.code));
  const runra = sizes.get('runra')!;
  const rows = [...sizes].map(([name, s]) => [
    name === 'runra'
      ? '`import { Runra } from "runra"`'
      : `\`${SUBJECTS.find((x) => x.name === name)!.code.split(';')[0]}\``,
    kb(s.initialGzip),
    kb(s.totalGzip),
    kb(s.totalMin),
    `${(s.totalGzip / runra.totalGzip).toFixed(2)}×`,
  ]);
  const markdown = [
    table(
      [
        'import',
        'min+gzip, loaded at import',
        'min+gzip, all chunks',
        'min, all chunks',
        '× runra (all chunks)',
      ],
      rows,
    ),
    'esbuild, `platform: browser`, ESM, minified, `splitting: true`; gzip level 9 per output file. "Loaded at import" follows static imports from the entry; lazy chunks count in "all chunks" (runra has none). the runra bundle holds ky and its validators generated from the zod schemas; zod itself is not shipped (decision 0100).',
  ].join('\n\n');
  return { title: '4. Bundle size (browser, min+gzip)', markdown, floors: [] };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log((await runBundleSize()).markdown);
}
