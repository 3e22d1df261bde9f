import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests in Debian's Chromium (driven by playwright-core), run by
 * `npm run test:browser` after `scripts/test-browser.mjs` has made sure Chromium is there.
 * Kept out of `npm test`: a fresh user machine has no Chromium, and these tests never skip.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One browser at a time: two cores, and each test starts its own Chromium and servers.
    fileParallelism: false,
  },
});
