// runra/msw with setupServer: the SDK uses the global fetch and the default base URL
// (https://api.box.runra.dev); msw intercepts and hands each request to the mock.
import { setupServer } from 'msw/node';
import * as runra from 'runra';
import { createHandlers } from 'runra/msw';
import { runAndReport } from '../shared/report.mjs';
import { runScenario } from '../shared/scenario.mjs';

const target = process.argv[2] ?? 'msw';
const server = setupServer(...createHandlers());
server.listen({ onUnhandledRequest: 'error' });
try {
  await runAndReport(target, () => runScenario(runra, {}));
} finally {
  server.close();
}
