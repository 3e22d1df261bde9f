import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { FaultRuleSchema } from '../../mock-server/http/faults.js';
import type { FaultRule } from '../../mock-server/index.js';
import {
  type APIError,
  type APIPromise,
  type CreateSandboxParams,
  type ErrorCode,
  type InvalidConfigError,
  type InvalidStateError,
  isKnownState,
  type KnownSandboxState,
  LIMITS,
  type ListSandboxesParams,
  type Logger,
  type LogLevel,
  type Page,
  type PagePromise,
  type Pagination,
  type PauseResult,
  type ResumeResult,
  Runra,
  SANDBOX_STATES,
  type Sandbox,
  type SandboxPage,
  type SandboxState,
  type SandboxSummary,
  type TerminateResult,
  unknownField,
  type ValidationDetails,
  type WithResponse,
} from '../../src/index.js';
import type { ErrorEnvelope } from '../../src/schemas/errors.js';
import type {
  CreateSandboxParamsSchema,
  ErrorEnvelopeSchema,
  ListSandboxesParamsSchema,
  PaginationSchema,
  PauseResultSchema,
  ResumeResultSchema,
  SandboxPageSchema,
  SandboxSchema,
  SandboxSummarySchema,
  TerminateResultSchema,
} from '../../src/schemas/index.js';

declare const runra: Runra;
declare const sandbox: Sandbox;

/**
 * A zod type without the index signatures its loose objects carry (`[k: string]: unknown`):
 * what the written-out public type must equal. String maps (`Record<string, string>`) stay.
 */
type Exact<T> = T extends string | number | boolean
  ? T
  : T extends readonly (infer Item)[]
    ? Exact<Item>[]
    : T extends object
      ? { [K in keyof T as string extends K ? (unknown extends T[K] ? never : K) : K]: Exact<T[K]> }
      : T;

describe('public types', () => {
  it('methods return APIPromises of the contract types', () => {
    expectTypeOf(runra.sandboxes.get('sb_1')).toEqualTypeOf<APIPromise<Sandbox>>();
    expectTypeOf(runra.sandboxes.create({ image: 'node:22' })).toEqualTypeOf<APIPromise<Sandbox>>();
    expectTypeOf(runra.sandboxes.pause('sb_1')).resolves.toEqualTypeOf<PauseResult>();
    expectTypeOf(runra.sandboxes.get('sb_1').withResponse()).resolves.toEqualTypeOf<WithResponse<Sandbox>>();
    expectTypeOf(runra.sandboxes.waitUntil('sb_1', 'running')).resolves.toEqualTypeOf<Sandbox>();
  });

  it('list is a PagePromise: awaitable to a Page, iterable over summaries', () => {
    const list = runra.sandboxes.list({ state: 'running' });
    expectTypeOf(list).toEqualTypeOf<PagePromise<SandboxSummary>>();
    expectTypeOf(list).resolves.toEqualTypeOf<Page<SandboxSummary>>();
    expectTypeOf(list).toMatchTypeOf<AsyncIterable<SandboxSummary>>();
    expectTypeOf<Page<SandboxSummary>['data']>().toEqualTypeOf<SandboxSummary[]>();
  });

  it('create params: image required, cpu limited to the contract values', () => {
    expectTypeOf<{ image: string }>().toMatchTypeOf<CreateSandboxParams>();
    expectTypeOf<{ resources: { cpu: 2 } }>().not.toMatchTypeOf<CreateSandboxParams>();
    expectTypeOf<{ image: string; resources: { cpu: 3 } }>().not.toMatchTypeOf<CreateSandboxParams>();
    // @ts-expect-error state must be a known filter value
    runra.sandboxes.list({ state: 'sleeping' });
  });

  it('state: known states narrow, unknown strings are accepted', () => {
    expectTypeOf<KnownSandboxState>().toEqualTypeOf<'creating' | 'running' | 'paused' | 'terminated'>();
    expectTypeOf<'hibernating'>().toMatchTypeOf<SandboxState>();
    expectTypeOf<Sandbox['state']>().toEqualTypeOf<SandboxState>();
    expectTypeOf(SANDBOX_STATES).toEqualTypeOf<readonly ['creating', 'running', 'paused', 'terminated']>();
    expectTypeOf(LIMITS.resources.cpu.values).toEqualTypeOf<readonly [2, 4, 8]>();
  });

  it('errors: string codes with the contract codes suggested, typed details', () => {
    expectTypeOf<APIError['code']>().toMatchTypeOf<string>();
    expectTypeOf<ErrorCode>().toMatchTypeOf<APIError['code']>();
    expectTypeOf<APIError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<InvalidConfigError['details']>().toEqualTypeOf<ValidationDetails>();
    expectTypeOf<InvalidStateError['details']['currentState']>().toEqualTypeOf<SandboxState>();
    expectTypeOf<APIError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
  });

  it('client options are all optional', () => {
    expectTypeOf(Runra).constructorParameters.toEqualTypeOf<
      [options?: ConstructorParameters<typeof Runra>[0]]
    >();
    expectTypeOf(runra.withOptions({ maxRetries: 1 })).toEqualTypeOf<Runra>();
  });
});

describe('public types are exact, and equal to the contract schemas', () => {
  it('each written-out type equals its schema’s (loose index signatures aside)', () => {
    expectTypeOf<Sandbox>().toEqualTypeOf<Exact<z.infer<typeof SandboxSchema>>>();
    expectTypeOf<SandboxSummary>().toEqualTypeOf<Exact<z.infer<typeof SandboxSummarySchema>>>();
    expectTypeOf<SandboxPage>().toEqualTypeOf<Exact<z.infer<typeof SandboxPageSchema>>>();
    expectTypeOf<Pagination>().toEqualTypeOf<Exact<z.infer<typeof PaginationSchema>>>();
    expectTypeOf<PauseResult>().toEqualTypeOf<Exact<z.infer<typeof PauseResultSchema>>>();
    expectTypeOf<ResumeResult>().toEqualTypeOf<Exact<z.infer<typeof ResumeResultSchema>>>();
    expectTypeOf<TerminateResult>().toEqualTypeOf<Exact<z.infer<typeof TerminateResultSchema>>>();
    expectTypeOf<ErrorEnvelope>().toEqualTypeOf<Exact<z.infer<typeof ErrorEnvelopeSchema>>>();
    expectTypeOf<CreateSandboxParams>().toEqualTypeOf<z.input<typeof CreateSandboxParamsSchema>>();
    expectTypeOf<ListSandboxesParams>().toEqualTypeOf<z.input<typeof ListSandboxesParamsSchema>>();
    expectTypeOf<FaultRule>().toEqualTypeOf<z.infer<typeof FaultRuleSchema>>();
  });

  it('a misspelt field does not compile, at any depth', () => {
    // @ts-expect-error no field `stat` (state)
    void sandbox.stat;
    // @ts-expect-error no field `cpuu` (cpu)
    void sandbox.resources.cpuu;
    // @ts-expect-error no field `memoryMB` (memoryMb) in create params
    void runra.sandboxes.create({ image: 'node:22', resources: { memoryMB: 4096 } });
  });

  it('known states narrow; an unknown state string is still a state', () => {
    expectTypeOf<Extract<Sandbox['state'], 'running'>>().toEqualTypeOf<'running'>();
    if (isKnownState(sandbox.state)) expectTypeOf(sandbox.state).toEqualTypeOf<KnownSandboxState>();
    expectTypeOf<'hibernating'>().toMatchTypeOf<Sandbox['state']>();
  });

  it('unknown fields are reached one typed way: unknownField, typed unknown', () => {
    expectTypeOf(unknownField(sandbox, 'region')).toEqualTypeOf<unknown>();
    expectTypeOf(unknownField(sandbox.resources, 'gpu')).toEqualTypeOf<unknown>();
  });
});

describe('client options and any-endpoint calls', () => {
  it('logging, strict validation and the browser flag are typed options', () => {
    expectTypeOf<LogLevel>().toEqualTypeOf<'off' | 'error' | 'warn' | 'info' | 'debug'>();
    expectTypeOf(console).toMatchTypeOf<Logger>();
    new Runra({
      logLevel: 'debug',
      logger: console,
      strictResponseValidation: true,
      dangerouslyAllowBrowser: false,
    });
    // @ts-expect-error not a level
    new Runra({ logLevel: 'verbose' });
  });

  it('get/post/put/patch/delete/request resolve to the type asked for, unknown by default', () => {
    expectTypeOf(runra.get('/usage')).toEqualTypeOf<APIPromise<unknown>>();
    expectTypeOf(runra.post<{ exitCode: number }>('/x', { body: { a: 1 } })).resolves.toEqualTypeOf<{
      exitCode: number;
    }>();
    expectTypeOf(runra.request<string>('PUT', '/x').withResponse()).resolves.toEqualTypeOf<
      WithResponse<string>
    >();
  });
});
