import { defineConfig } from 'vitest/config';

/** Runs this example on its own: `npx vitest run --config examples/vitest-msw/vitest.config.ts`. */
export default defineConfig({
  test: { root: import.meta.dirname, include: ['**/*.test.ts'] },
});
