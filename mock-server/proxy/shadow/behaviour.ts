import { answerDifferences } from './compare.js';
import {
  type BehaviourContext,
  type BehaviourResult,
  behaviourFindings,
  boundOf,
  entryFrom,
  isObject,
} from './context.js';
import { describeDifference } from './describe.js';
import { explain } from './explain.js';
import { checkList } from './list-checks.js';
import { replay } from './reference-request.js';
import { checkCreate, checkSandboxCall } from './sandbox-checks.js';

const codeOf = (body: unknown): unknown =>
  isObject(body) && isObject(body.error) ? body.error.code : undefined;

/**
 * Answers the reference gives no account of but a real upstream may legitimately send:
 * 401 for a well-formed key it does not know (the proxy cannot know the upstream's keys), and
 * server failures (500, and 5xx that are not `RESOURCE_EXHAUSTED`). Their shapes are still
 * checked; the mirror forgets what such a call may have changed.
 */
function allowedRegardless(context: BehaviourContext): BehaviourResult | undefined {
  const { observed, tenant, route, mirror } = context;
  if (observed.status === 401 && tenant !== undefined) {
    return { findings: [], allowances: ['unknown-key'], notPredicted: 'unknown-key' };
  }
  const capacity = observed.status === 503 && codeOf(observed.body) === 'RESOURCE_EXHAUSTED';
  if (observed.status < 500 || capacity) return undefined;
  if (tenant !== undefined && route.kind === 'operation') {
    if (route.name === 'create') tenant.complete = false;
    else if (route.sandboxId !== undefined && route.name !== 'get') mirror.markStale(tenant, route.sandboxId);
  }
  return { findings: [], allowances: ['server-error'], notPredicted: 'server-error' };
}

/** What a call that overlapped a conflicting one still teaches: a sandbox shown whole. */
function learnOnly(context: BehaviourContext): BehaviourResult {
  const { tenant, route, observed, mirror } = context;
  if (tenant !== undefined && route.kind === 'operation') {
    const whole = (route.name === 'create' || route.name === 'get') && observed.status < 300;
    const entry = whole
      ? entryFrom(tenant, observed.body, boundOf(context), route.name === 'create')
      : undefined;
    if (entry !== undefined) mirror.set(tenant, entry);
    else if (route.sandboxId !== undefined && route.name !== 'get') mirror.markStale(tenant, route.sandboxId);
    else if (route.name === 'create') tenant.complete = false;
  }
  return { findings: [], allowances: [], notPredicted: 'concurrent' };
}

/**
 * Predicts an exchange's answer with the reference in the mirrored state and reports where
 * the upstream differs; the mirror learns from the answer either way.
 *
 * @example
 * ```ts
 * const { findings, allowances, notPredicted } = await checkBehaviour(context);
 * ```
 */
export async function checkBehaviour(context: BehaviourContext): Promise<BehaviourResult> {
  const regardless = allowedRegardless(context);
  if (regardless !== undefined) return regardless;
  if (context.concurrent) return learnOnly(context);
  const { route, tenant } = context;
  try {
    if (route.kind === 'operation') {
      if (route.name === 'create') return await checkCreate(context, tenant);
      if (route.name === 'list') return await checkList(context, tenant);
      if (route.sandboxId !== undefined)
        return await checkSandboxCall(context, tenant, route.name, route.sandboxId);
    }
    return await checkOtherRoute(context);
  } catch (error) {
    // A request the reference cannot be asked (a method `Request` refuses, say).
    if (error instanceof TypeError)
      return { findings: [], allowances: [], notPredicted: 'not-representable' };
    throw error;
  }
}

/** A path or method outside the contract: the reference answers 404 `NOT_FOUND` or 405. */
async function checkOtherRoute(context: BehaviourContext): Promise<BehaviourResult> {
  const { match, closest } = await explain(context.reference, {
    tenant: context.tenant?.id,
    worlds: ['plain'],
    sandboxes: [],
    bound: boundOf(context),
    revealed: [],
    request: replay(context.request, context.tenant?.id),
    observed: context.observed,
    compare: (answer) => answerDifferences(answer, context.observed, undefined),
  });
  if (match !== undefined || closest === undefined) return { findings: [], allowances: [] };
  const call = `${context.request.method} ${new URL(context.request.target, 'http://x').pathname}`;
  const describe = describeDifference(call, undefined, closest.answer, false);
  return { findings: behaviourFindings(closest.differences, describe, context.shapePaths), allowances: [] };
}
