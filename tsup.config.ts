import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const shared: Options = {
  // No source maps in the package: they would point at src/ and mock-server/, which it does not
  // ship (decision 0503). dist/ is not minified, so its stack traces read as they are.
  sourcemap: false,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  clean: false,
  // Keep `node:` specifiers as written: Deno and workers only know the prefixed names.
  removeNodeProtocol: false,
  // ky is the SDK's one dependency. zod and hono run only in the mock and are bundled into
  // its chunks (docs/decisions/0105): the version the checker was generated from and tested
  // against is the one that runs, and an SDK-only install pulls neither.
  external: ['msw', 'ky', /^node:/],
  noExternal: ['zod', 'hono'],
  // The User-Agent's version (src/core/platform.ts), read from package.json at build time.
  define: { __RUNRA_VERSION__: JSON.stringify(version) },
  // `@internal` members (constructors built by the client) stay out of the public types.
  dts: { compilerOptions: { stripInternal: true } },
};

const libraryEntries = {
  index: 'src/index.ts',
  mock: 'mock-server/index.ts',
  msw: 'mock-server/msw.ts',
};

/** In the non-Node build of `runra/mock`, the `node:http` listener is swapped for a stand-in. */
const withoutNodeServer = {
  name: 'runra-mock-without-node-server',
  setup(build: { onResolve(o: { filter: RegExp }, cb: () => { path: string }): void }) {
    const standIn = fileURLToPath(new URL('./mock-server/node/unavailable.ts', import.meta.url));
    build.onResolve({ filter: /\/node\/server\.js$/ }, () => ({ path: standIn }));
  },
};

/**
 * The public entries. `index` is the SDK (runtime-neutral), `mock` and `msw` the mock's
 * adapters, `cli` the `runra-mock` binary (ESM only). `mock.browser` is `runra/mock` for
 * runtimes without Node (the export map's non-`node` conditions): no `node:*` in it.
 * The CommonJS build bundles ky, which ships only ESM: `require('runra')` then works on every
 * Node >= 20, including those without `require(esm)`. Every build bundles zod and hono (the
 * mock's), so the package depends on ky alone.
 */
export default defineConfig([
  { ...shared, format: ['esm'], entry: { ...libraryEntries, cli: 'mock-server/cli/main.ts' } },
  {
    ...shared,
    format: ['cjs'],
    entry: libraryEntries,
    noExternal: ['ky', 'zod', 'hono'],
    external: ['msw', /^node:/],
  },
  {
    ...shared,
    format: ['esm', 'cjs'],
    entry: { 'mock.browser': 'mock-server/index.ts' },
    dts: false,
    esbuildPlugins: [withoutNodeServer],
  },
]);
