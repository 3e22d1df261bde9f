// Node CommonJS consumer: `require` resolves the package's `require` condition (dist/*.cjs).
// The shared scenario is ESM, so it is loaded with import(); runra itself comes from require().
const runra = require('runra');
const { createMockApi } = require('runra/mock');

async function main() {
  const { runAndReport } = await import('../shared/report.mjs');
  const { runScenario } = await import('../shared/scenario.mjs');
  await runAndReport('node-cjs', async () => {
    const resolved = require.resolve('runra');
    if (!resolved.endsWith('/node_modules/runra/dist/index.cjs')) {
      throw new Error(`require of runra should load dist/index.cjs from the tarball, got ${resolved}`);
    }
    const api = createMockApi();
    return runScenario(runra, { fetch: api.fetch });
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
