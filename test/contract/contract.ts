import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientOptions, CreateSandboxParams, RequestOptions, Runra } from '../../src/index.js';
import { ERROR_STATUS, type ErrorCode } from '../../src/schemas/index.js';
import { createScenarios } from './scenarios/create.js';
import { errorScenarios } from './scenarios/errors.js';
import { faultScenarios } from './scenarios/faults.js';
import { lifecycleScenarios } from './scenarios/lifecycle.js';
import { limitScenarios } from './scenarios/limits.js';
import { listScenarios } from './scenarios/list.js';
import type { Scenario, ScenarioContext, ScenarioGroup } from './scenarios/scenario.js';
import { tenancyScenarios } from './scenarios/tenancy.js';
import { timerScenarios } from './scenarios/timers.js';
import type { ContractTarget } from './target.js';

/** Every scenario of the contract, in the order they run. */
export const CONTRACT: readonly ScenarioGroup[] = [
  createScenarios,
  listScenarios,
  lifecycleScenarios,
  errorScenarios,
  tenancyScenarios,
  timerScenarios,
  limitScenarios,
  faultScenarios,
];

/** The error codes the scenarios observe, across all targets. */
export const coveredCodes = (): Set<ErrorCode> =>
  new Set(CONTRACT.flatMap((group) => group.scenarios.flatMap((scenario) => scenario.covers ?? [])));

let runCounter = 0;
/** A tag unique to one scenario run (also unique across processes, for shared live accounts). */
const newTag = (): string =>
  `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}${(runCounter++).toString(36)}`;

/** The title of a scenario on a target: its name, and why it is skipped when it is. */
function titleOn(target: ContractTarget, scenario: Scenario): { title: string; skip: boolean } {
  const missing = (scenario.needs ?? []).filter((need) => !target.capabilities.has(need));
  if (missing.length === 0) return { title: scenario.name, skip: false };
  return { title: `${scenario.name} [skipped on ${target.name}: needs ${missing.join(', ')}]`, skip: true };
}

/**
 * Registers the whole contract against `target`: one describe per group, titled with the
 * target's name, so a failure says where it failed. Mock targets are reset before each
 * scenario; sandboxes made on a live target are terminated afterwards.
 */
export function defineContract(target: ContractTarget): void {
  describe(`contract on ${target.name}`, () => {
    const made = new Set<string>();
    beforeAll(() => target.setup());
    beforeEach(async () => {
      await target.control?.reset();
    });
    afterAll(async () => {
      if (target.control === undefined) {
        const runra = target.client();
        await Promise.allSettled([...made].map((id) => runra.sandboxes.terminate(id)));
      }
      await target.teardown();
    });

    const context = (): ScenarioContext => {
      const tag = newTag();
      // Strict: here every answer is checked against the whole contract (the drift detector).
      const client = (apiKey?: string, options?: ClientOptions): Runra =>
        target.client(apiKey, { ...options, strictResponseValidation: true });
      return {
        target,
        tag,
        client,
        track: (id) => made.add(id),
        async create(params: CreateSandboxParams, runra = client(), options?: RequestOptions) {
          const tagged = { ...params, metadata: { ...params.metadata, contractRun: tag } };
          const sandbox = await runra.sandboxes.create(tagged, options);
          made.add(sandbox.id);
          return sandbox;
        },
      };
    };

    for (const group of CONTRACT) {
      describe(`${group.name} (${target.name})`, () => {
        for (const scenario of group.scenarios) {
          const { title, skip } = titleOn(target, scenario);
          it.skipIf(skip)(title, () => scenario.run(context()));
        }
      });
    }

    it(`the scenarios observe every error code of the contract (${target.name})`, () => {
      expect([...coveredCodes()].sort()).toEqual(Object.keys(ERROR_STATUS).sort());
    });
  });
}
