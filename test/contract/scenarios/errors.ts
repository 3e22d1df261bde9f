import { expect } from 'vitest';
import {
  AuthenticationError,
  InternalServerError,
  MethodNotAllowedError,
  NotFoundError,
  SandboxNotFoundError,
} from '../../../src/index.js';
import { expectApiError, type ScenarioGroup } from './scenario.js';

export const errorScenarios: ScenarioGroup = {
  name: 'protocol errors',
  scenarios: [
    {
      name: 'auth: an unknown API key answers 401 UNAUTHORIZED on every endpoint',
      covers: ['UNAUTHORIZED'],
      async run({ client, target }) {
        const stranger = client(target.unknownKey);
        const id = 'sb_doesnotexist0000';
        for (const call of [
          () => stranger.sandboxes.create({ image: 'node:22' }),
          () => stranger.sandboxes.list(),
          () => stranger.sandboxes.get(id),
          () => stranger.sandboxes.pause(id),
          () => stranger.sandboxes.resume(id),
          () => stranger.sandboxes.terminate(id),
        ]) {
          await expectApiError(call(), AuthenticationError, 'UNAUTHORIZED');
        }
      },
    },
    {
      name: 'routes: a base URL with a wrong path prefix answers 404 NOT_FOUND (not SANDBOX_NOT_FOUND)',
      covers: ['NOT_FOUND'],
      async run({ client, target }) {
        const lost = client(undefined, { baseURL: `${target.baseURL}/no-such-prefix` });
        const error = await expectApiError(lost.sandboxes.list(), NotFoundError, 'NOT_FOUND');
        expect(error).not.toBeInstanceOf(SandboxNotFoundError);
      },
    },
    {
      name: 'routes: a known path with the wrong method answers 405 METHOD_NOT_ALLOWED with an Allow header',
      covers: ['METHOD_NOT_ALLOWED'],
      async run({ client, target }) {
        // The query in the base URL swallows the SDK's path: DELETE lands on /v1/sandboxes.
        const swallowed = client(undefined, { baseURL: `${target.baseURL}/v1/sandboxes?swallowed=` });
        const error = await expectApiError(
          swallowed.sandboxes.terminate('sb_doesnotexist0000'),
          MethodNotAllowedError,
          'METHOD_NOT_ALLOWED',
        );
        const allow = (error.headers?.get('allow') ?? '').split(/,\s*/);
        expect(allow).toEqual(expect.arrayContaining(['GET', 'POST']));
        expect(allow).not.toContain('DELETE');
      },
    },
    {
      name: 'server errors: 500 INTERNAL_ERROR surfaces as InternalServerError once retries are spent',
      needs: ['faults'],
      covers: ['INTERNAL_ERROR'],
      async run({ client, create, target }) {
        const sandbox = await create({ image: 'node:22' });
        await target.control!.addFault({
          method: 'GET',
          path: '/v1/sandboxes/:id',
          times: 1,
          error: { code: 'INTERNAL_ERROR' },
        });
        await expectApiError(
          client().sandboxes.get(sandbox.id, { maxRetries: 0 }),
          InternalServerError,
          'INTERNAL_ERROR',
        );
        expect((await client().sandboxes.get(sandbox.id, { maxRetries: 0 })).id).toBe(sandbox.id);
      },
    },
  ],
};
