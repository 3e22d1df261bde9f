import { expect } from 'vitest';
import {
  type CreateSandboxParams,
  InvalidConfigError,
  InvalidRequestError,
  LIMITS,
  PayloadTooLargeError,
} from '../../../src/index.js';
import { expectApiError, ISO_MS, REQUEST_ID, rejection, SANDBOX_ID, type ScenarioGroup } from './scenario.js';

/** A body that breaks two rules at once: a cpu not offered and a misspelt field. */
const twoMistakes = {
  image: 'node:22',
  resources: { cpu: 3, memoryMB: 4096 },
} as unknown as CreateSandboxParams;

export const createScenarios: ScenarioGroup = {
  name: 'create',
  scenarios: [
    {
      name: 'create: only an image gives a sandbox with every default applied',
      async run({ client, track }) {
        const {
          data: sandbox,
          response,
          requestId,
        } = await client().sandboxes.create({ image: 'node:22' }).withResponse();
        track(sandbox.id);
        expect(response.status).toBe(201);
        expect(requestId).toMatch(REQUEST_ID);
        expect(sandbox.id).toMatch(SANDBOX_ID);
        expect(['creating', 'running']).toContain(sandbox.state);
        expect(sandbox).toMatchObject({
          image: 'node:22',
          resources: {
            cpu: LIMITS.resources.cpu.default,
            memoryMb: LIMITS.resources.memoryMb.default,
            diskMb: LIMITS.resources.diskMb.default,
          },
          env: {},
          workdir: LIMITS.workdir.default,
          timeoutMs: LIMITS.timeoutMs.default,
          idleTimeoutMs: LIMITS.idleTimeoutMs.default,
          metadata: {},
          network: { egress: { default: 'allow' } },
        });
        expect(sandbox.createdAt).toMatch(ISO_MS);
        if (sandbox.state === 'running') expect(sandbox.startedAt).toMatch(ISO_MS);
        expect(sandbox.terminatedAt).toBeUndefined();
      },
    },
    {
      name: 'create: every field given is kept as requested, and get returns the same shape',
      async run({ client, create }) {
        const params = {
          image: 'python:3.12',
          resources: { cpu: 4 as const, memoryMb: 8192, diskMb: 20_480 },
          env: { NODE_ENV: 'test', _X1: '' },
          workdir: '/srv/app',
          timeoutMs: 3_600_000,
          idleTimeoutMs: 0,
          metadata: { userId: 'u1', 'team name': 'ml' },
          network: { egress: { allow: ['registry.npmjs.org', '*.github.com'], default: 'deny' as const } },
        };
        const sandbox = await create(params);
        expect(sandbox).toMatchObject({ ...params, metadata: { ...params.metadata } });
        const got = await client().sandboxes.get(sandbox.id);
        expect(got).toEqual(sandbox);
      },
    },
    {
      name: 'create: the server refuses a bad config with 400 INVALID_CONFIG naming every offending field',
      covers: ['INVALID_CONFIG'],
      async run({ client }) {
        const unchecked = client(undefined, { validateParams: false });
        const error = await expectApiError(
          unchecked.sandboxes.create(twoMistakes),
          InvalidConfigError,
          'INVALID_CONFIG',
        );
        const paths = error.details.issues.map((issue) => issue.path).sort();
        expect(paths).toEqual(['resources.cpu', 'resources.memoryMB']);
        expect(paths).toContain(error.details.field);
        expect(error.details.reason).toEqual(expect.any(String));
      },
    },
    {
      name: 'create: the SDK refuses the same config before sending, with the same details as the server',
      async run({ client }) {
        const local = (await rejection(client().sandboxes.create(twoMistakes))) as InvalidConfigError;
        expect(local).toBeInstanceOf(InvalidConfigError);
        expect(local.status).toBeUndefined();
        const remote = (await rejection(
          client(undefined, { validateParams: false }).sandboxes.create(twoMistakes),
        )) as InvalidConfigError;
        expect(local.details).toEqual(remote.details);
      },
    },
    {
      name: 'create: a body that is not a JSON object answers 400 INVALID_REQUEST',
      covers: ['INVALID_REQUEST'],
      async run({ client }) {
        const notAnObject = ['node:22'] as unknown as CreateSandboxParams;
        await expectApiError(
          client(undefined, { validateParams: false }).sandboxes.create(notAnObject),
          InvalidRequestError,
          'INVALID_REQUEST',
        );
      },
    },
    {
      name: 'create: a body over 1 MiB answers 413 PAYLOAD_TOO_LARGE',
      covers: ['PAYLOAD_TOO_LARGE'],
      async run({ client }) {
        const huge = { image: 'node:22', env: { BLOB: 'x'.repeat(LIMITS.maxBodyBytes) } };
        // A short timeout and no retries: a target that never answers fails fast, by name.
        const call = client().sandboxes.create(huge, { timeoutMs: 5000, maxRetries: 0 });
        await expectApiError(call, PayloadTooLargeError, 'PAYLOAD_TOO_LARGE');
      },
    },
  ],
};
