import { expect } from 'vitest';
import type {
  APIError,
  ClientOptions,
  CreateSandboxParams,
  RequestOptions,
  Runra,
  Sandbox,
} from '../../../src/index.js';
import type { ErrorCode } from '../../../src/schemas/index.js';
import { ERROR_STATUS } from '../../../src/schemas/index.js';
import type { Capability, ContractTarget } from '../target.js';

/** What a scenario is given: the target plus helpers that tag and track what it creates. */
export interface ScenarioContext {
  readonly target: ContractTarget;
  /** A tag unique to this scenario run: its sandboxes carry `metadata.contractRun = tag`. */
  readonly tag: string;
  /** A client of the target for `apiKey` (default: the first key). */
  client(apiKey?: string, options?: ClientOptions): Runra;
  /** Creates a tagged sandbox (so lists can be filtered to this scenario, even on a shared live account). */
  create(params: CreateSandboxParams, runra?: Runra, options?: RequestOptions): Promise<Sandbox>;
  /** Records a sandbox to terminate after the run (live targets). */
  track(id: string): void;
}

/** One behaviour of the contract, written once and run against every target. */
export interface Scenario {
  readonly name: string;
  /** Capabilities the scenario needs; it is skipped (by name) on targets without them. */
  readonly needs?: readonly Capability[];
  /** The error codes of the contract this scenario observes. */
  readonly covers?: readonly ErrorCode[];
  run(context: ScenarioContext): Promise<void>;
}

/** A named group of scenarios (one describe block per target). */
export interface ScenarioGroup {
  readonly name: string;
  readonly scenarios: readonly Scenario[];
}

export const SANDBOX_ID = /^sb_[a-z0-9]{17}$/;
export const REQUEST_ID = /^req_[a-z0-9]{8}$/;
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/**
 * Asserts that `promise` is refused with the contract's `code`: the error class, its
 * status from `ERROR_STATUS`, and a request id equal to the response's `X-Request-Id`.
 */
export async function expectApiError<E extends APIError>(
  promise: PromiseLike<unknown>,
  ErrorClass: abstract new (...args: never[]) => E,
  code: ErrorCode,
): Promise<E> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ErrorClass);
  const apiError = error as E;
  expect(apiError.code).toBe(code);
  expect(apiError.status).toBe(ERROR_STATUS[code]);
  expect(apiError.requestId).toMatch(REQUEST_ID);
  expect(apiError.headers?.get('x-request-id')).toBe(apiError.requestId);
  return apiError;
}

/** Milliseconds between two ISO instants. */
export const between = (from: string, to: string): number => Date.parse(to) - Date.parse(from);
