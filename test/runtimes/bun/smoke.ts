// Bun consumer: Bun runs this TypeScript file directly and resolves `runra` from node_modules.
import * as runra from 'runra';
import { createMockApi } from 'runra/mock';
import { runAndReport } from '../shared/report.mjs';
import { runScenario } from '../shared/scenario.mjs';

const api = createMockApi();
await runAndReport('bun', () => runScenario(runra, { fetch: api.fetch }));
