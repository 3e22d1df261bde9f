// A Worker module: each request runs the shared scenario with the SDK driving the embedded
// mock (runra/mock's fetch handler), and answers the result line (500 on failure).
import * as runra from 'runra';
import { createMockApi } from 'runra/mock';
import { runAndReport } from '../shared/report.mjs';
import { runScenario } from '../shared/scenario.mjs';

export default {
  async fetch() {
    const lines = [];
    try {
      await runAndReport(
        'workerd',
        () => {
          const api = createMockApi();
          return runScenario(runra, { fetch: api.fetch });
        },
        (line) => lines.push(line),
      );
      return new Response(lines.join('\n'), { status: 200 });
    } catch (error) {
      const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
      return new Response(`${lines.join('\n')}\n${stack}`, { status: 500 });
    }
  },
};
