import { describe, expectTypeOf, it } from 'vitest';
import {
  type APIError,
  type APIPromise,
  type CreateSandboxParams,
  type ErrorCode,
  type InvalidConfigError,
  type InvalidStateError,
  type KnownSandboxState,
  LIMITS,
  type Page,
  type PagePromise,
  type PauseResult,
  Runra,
  SANDBOX_STATES,
  type Sandbox,
  type SandboxState,
  type SandboxSummary,
  type ValidationDetails,
  type WithResponse,
} from '../../src/index.js';

declare const runra: Runra;

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
