// Runs what tsc emitted for both consumers (ESM and CJS) and reports one result.
import { createRequire } from 'node:module';
import { runAndReport } from '../shared/report.mjs';

const require = createRequire(import.meta.url);

await runAndReport('ts-node16', async () => {
  const esm = await import('./dist/consumer.js');
  const cjs = require('./dist/consumer-cjs.cjs');
  const esmRun = await esm.smoke();
  const cjsRun = await cjs.smoke();
  return { steps: [...esmRun.steps.map((s) => `esm:${s}`), ...cjsRun.steps.map((s) => `cjs:${s}`)] };
});
