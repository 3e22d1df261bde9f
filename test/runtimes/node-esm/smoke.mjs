// Node ESM consumer: `import` resolves the package's `import` condition (dist/*.js).
import * as runra from 'runra';
import { createMockApi } from 'runra/mock';
import { runAndReport } from '../shared/report.mjs';
import { runScenario } from '../shared/scenario.mjs';

await runAndReport('node-esm', async () => {
  // import.meta.resolve is unflagged from Node 20.6; the engines floor (20.0) runs without the check.
  const resolved = typeof import.meta.resolve === 'function' ? import.meta.resolve('runra') : undefined;
  if (resolved !== undefined && !resolved.endsWith('/node_modules/runra/dist/index.js')) {
    throw new Error(`import of runra should load dist/index.js from the tarball, got ${resolved}`);
  }
  const api = createMockApi();
  return runScenario(runra, { fetch: api.fetch });
});
