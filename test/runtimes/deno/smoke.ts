// Deno consumer: `runra` resolves from the npm-installed node_modules (nodeModulesDir manual).
// Run with no permissions: the SDK must not need env or read access to work.
import * as runra from 'runra';
import { createMockApi } from 'runra/mock';
import { runAndReport } from '../shared/report.mjs';
import { runScenario } from '../shared/scenario.mjs';

const api = createMockApi();
await runAndReport('deno', () => runScenario(runra, { fetch: api.fetch }));
