import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

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
  external: ['msw', 'ky', 'zod', 'hono', /^node:/],
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
 * Node >= 20, including those without `require(esm)`.
 */
export default defineConfig([
  { ...shared, format: ['esm'], entry: { ...libraryEntries, cli: 'mock-server/cli/main.ts' } },
  {
    ...shared,
    format: ['cjs'],
    entry: libraryEntries,
    noExternal: ['ky'],
    external: ['msw', 'zod', 'hono', /^node:/],
  },
  {
    ...shared,
    format: ['esm', 'cjs'],
    entry: { 'mock.browser': 'mock-server/index.ts' },
    dts: false,
    esbuildPlugins: [withoutNodeServer],
  },
]);
