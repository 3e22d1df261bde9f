import { defineConfig } from 'tsup';

/**
 * One build for every public entry. `index` is the SDK (runtime-neutral, zod/mini + ky),
 * `mock` and `msw` the mock's adapters, `cli` the `runra-mock` binary.
 */
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    mock: 'mock-server/index.ts',
    msw: 'mock-server/msw.ts',
    cli: 'mock-server/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  external: ['msw', 'ky', 'zod', 'hono'],
});
