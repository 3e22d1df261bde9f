import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  format: ['esm', 'cjs'],
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  external: ['msw', 'ky', 'zod', 'hono'],
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
 * The public entries. `index` is the SDK (runtime-neutral, zod/mini + ky), `mock` and `msw`
 * the mock's adapters, `cli` the `runra-mock` binary. `mock.browser` is `runra/mock` for
 * runtimes without Node (the export map's `default` condition): no `node:*` anywhere in it.
 */
export default defineConfig([
  {
    ...shared,
    entry: {
      index: 'src/index.ts',
      mock: 'mock-server/index.ts',
      msw: 'mock-server/msw.ts',
      cli: 'mock-server/cli/main.ts',
    },
    dts: true,
    clean: false,
  },
  {
    ...shared,
    entry: { 'mock.browser': 'mock-server/index.ts' },
    dts: false,
    clean: false,
    esbuildPlugins: [withoutNodeServer],
  },
]);
