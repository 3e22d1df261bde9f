import { expect } from 'vitest';
import type { ScenarioGroup } from './scenario.js';

export const faultScenarios: ScenarioGroup = {
  name: 'retries under faults',
  scenarios: [
    {
      name: 'retries: a create whose connection drops after the server acted is retried and makes one sandbox',
      needs: ['faults'],
      async run({ client, create, tag, target }) {
        await target.control!.addFault({ method: 'POST', path: '/v1/sandboxes', times: 1, drop: 'after' });
        const sandbox = await create({ image: 'node:22' });
        const page = await client().sandboxes.list({ metadata: { contractRun: tag } });
        expect(page.data.map((item) => item.id)).toEqual([sandbox.id]);
      },
    },
    {
      name: 'retries: a pause whose connection drops after it landed answers 200, not a spurious 409',
      needs: ['faults'],
      async run({ client, create, target }) {
        const sandbox = await create({ image: 'node:22' });
        await target.control!.addFault({
          method: 'POST',
          path: '/v1/sandboxes/:id/pause',
          times: 1,
          drop: 'after',
        });
        const paused = await client().sandboxes.pause(sandbox.id);
        expect(paused).toMatchObject({ id: sandbox.id, state: 'paused' });
      },
    },
  ],
};
