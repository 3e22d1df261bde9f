import { expect } from 'vitest';
import { IdempotencyConflictError, SandboxNotFoundError } from '../../../src/index.js';
import { expectApiError, type ScenarioGroup } from './scenario.js';

export const tenancyScenarios: ScenarioGroup = {
  name: 'tenancy and idempotency',
  scenarios: [
    {
      name: "tenancy: another key's sandbox is indistinguishable from a missing one, and lists never show it",
      needs: ['secondKey'],
      covers: ['SANDBOX_NOT_FOUND'],
      async run({ client, create, target, tag }) {
        const [alpha, bravo] = target.keys;
        const owner = client(alpha);
        const other = client(bravo);
        const sandbox = await create({ image: 'node:22' }, owner);
        for (const call of [
          () => other.sandboxes.get(sandbox.id),
          () => other.sandboxes.pause(sandbox.id),
          () => other.sandboxes.resume(sandbox.id),
          () => other.sandboxes.terminate(sandbox.id),
        ]) {
          const error = await expectApiError(call(), SandboxNotFoundError, 'SANDBOX_NOT_FOUND');
          expect(error.details).toEqual({ sandboxId: sandbox.id });
        }
        const theirs = await other.sandboxes.list({ metadata: { contractRun: tag } });
        expect(theirs.pagination.total).toBe(0);
        expect(await owner.sandboxes.get(sandbox.id)).toEqual(sandbox);
      },
    },
    {
      name: 'idempotency: a create repeated with the same Idempotency-Key answers the first sandbox and makes one',
      async run({ client, create, tag }) {
        const runra = client();
        const idempotencyKey = `contract-${tag}-create`;
        const first = await create({ image: 'node:22' }, runra, { idempotencyKey });
        const again = await create({ image: 'node:22' }, runra, { idempotencyKey });
        expect(again).toEqual(first);
        const page = await runra.sandboxes.list({ metadata: { contractRun: tag } });
        expect(page.pagination.total).toBe(1);
      },
    },
    {
      name: 'idempotency: the same key with a different body answers 409 IDEMPOTENCY_CONFLICT',
      covers: ['IDEMPOTENCY_CONFLICT'],
      async run({ client, create, tag }) {
        const runra = client();
        const idempotencyKey = `contract-${tag}-conflict`;
        await create({ image: 'node:22' }, runra, { idempotencyKey });
        await expectApiError(
          create({ image: 'python:3.12' }, runra, { idempotencyKey }),
          IdempotencyConflictError,
          'IDEMPOTENCY_CONFLICT',
        );
      },
    },
    {
      name: 'idempotency: a pause repeated with its key answers the first 200, not 409; another route conflicts',
      covers: ['IDEMPOTENCY_CONFLICT'],
      async run({ client, create, tag }) {
        const runra = client();
        const sandbox = await create({ image: 'node:22' });
        const idempotencyKey = `contract-${tag}-pause`;
        const first = await runra.sandboxes.pause(sandbox.id, { idempotencyKey });
        expect(await runra.sandboxes.pause(sandbox.id, { idempotencyKey })).toEqual(first);
        await expectApiError(
          runra.sandboxes.resume(sandbox.id, { idempotencyKey }),
          IdempotencyConflictError,
          'IDEMPOTENCY_CONFLICT',
        );
      },
    },
    {
      name: 'idempotency: keys are scoped per API key (the same key from two API keys makes two sandboxes)',
      needs: ['secondKey'],
      async run({ client, create, target, tag }) {
        const idempotencyKey = `contract-${tag}-scoped`;
        const a = await create({ image: 'node:22' }, client(target.keys[0]), { idempotencyKey });
        const b = await create({ image: 'node:22' }, client(target.keys[1]), { idempotencyKey });
        expect(a.id).not.toBe(b.id);
      },
    },
  ],
};
