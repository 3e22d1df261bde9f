import {
  PauseResultSchema,
  ResumeResultSchema,
  SandboxSchema,
  TerminateResultSchema,
} from '../../../src/schemas/index.js';
import { toIso } from '../../machine/clock.js';
import { apiKeyOwner } from '../../machine/owner.js';
import { SANDBOX_ID_PATTERN, type SnapshotSandbox } from '../../machine/snapshot.js';
import type { OperationKind } from '../routes.js';
import type { Schema } from '../shapes/schema-walk.js';
import { answerDifferences, type Observed } from './compare.js';
import {
  type BehaviourContext,
  type BehaviourResult,
  behaviourFindings,
  boundOf,
  entryFrom,
  instantOf,
  isObject,
  latestOf,
  revealedInstants,
} from './context.js';
import { describeDifference } from './describe.js';
import { type Explanation, explain } from './explain.js';
import type { MirrorEntry, Tenant } from './mirror.js';
import { ownRequest, replay } from './reference-request.js';
import type { Answer, Plan, World } from './scratch.js';

/** The success body schema of each operation on one sandbox. */
const RESULT_SCHEMAS: Record<Exclude<OperationKind, 'list'>, Schema> = {
  create: SandboxSchema,
  get: SandboxSchema,
  pause: PauseResultSchema,
  resume: ResumeResultSchema,
  terminate: TerminateResultSchema,
};

const observedOf = (answer: Answer): Observed => ({
  status: answer.status,
  headers: answer.headers,
  body: answer.body,
});

/** The stored first responses the reference needs for this request's `Idempotency-Key`. */
function idempotencyOf(context: BehaviourContext, tenant: Tenant): NonNullable<Plan['idempotency']> {
  const key = context.request.headers.get('idempotency-key');
  const stored = key === null ? undefined : tenant.idempotency.get(key);
  if (key === null || stored === undefined) return [];
  return [
    {
      apiKey: tenant.id,
      key,
      fingerprint: stored.fingerprint,
      response: stored.response,
      storedAt: toIso(stored.storedAt),
    },
  ];
}

/** Keeps the upstream's first answer for an `Idempotency-Key`, with the reference's fingerprint. */
function rememberFirstAnswer(context: BehaviourContext, tenant: Tenant, answer: Answer, at: number): void {
  const key = context.request.headers.get('idempotency-key');
  if (key === null || context.observed.status >= 300 || answer.replayed) return;
  // The reference files entries under the owner id of the tenant id it was given as a key.
  const owner = apiKeyOwner(tenant.id);
  const stored = answer.after.idempotency?.find((entry) => entry.owner === owner && entry.key === key);
  if (stored === undefined) return;
  context.mirror.remember(tenant, key, {
    fingerprint: stored.fingerprint,
    response: context.observed.body,
    storedAt: at,
  });
}

/** The worlds that may explain an answer, by its status (and a create's state). */
function worldsFor(name: OperationKind, observed: Observed): World[] {
  if (observed.status === 429 && name === 'create') return ['rateLimited', 'plain'];
  if (observed.status === 503 && (name === 'create' || name === 'resume')) return ['noCapacity', 'plain'];
  if (name === 'create' && isObject(observed.body) && observed.body.state === 'creating')
    return ['booting', 'plain'];
  return ['plain'];
}

function findingsOf(
  context: BehaviourContext,
  call: string,
  entry: MirrorEntry | undefined,
  closest: Explanation | undefined,
): BehaviourResult {
  if (closest === undefined) return { findings: [], allowances: [], notPredicted: 'not-representable' };
  const describe = describeDifference(call, entry, closest.answer, entry !== undefined);
  return {
    findings: behaviourFindings(closest.differences, describe, context.shapePaths),
    allowances: closest.allowances,
  };
}

/**
 * A create: the reference creates from the same body at the instant the answer shows
 * (`createdAt`), in a world that fits the answer (booting, out of capacity, rate-limited).
 * The sandbox it makes is compared field by field with the upstream's (ids aside), and the
 * upstream's is mirrored.
 */
export async function checkCreate(
  context: BehaviourContext,
  tenant: Tenant | undefined,
): Promise<BehaviourResult> {
  const { observed, mirror } = context;
  const key = context.request.headers.get('idempotency-key');
  const shown = observed.status === 201 && isObject(observed.body) ? observed.body : undefined;
  const createdAt = instantOf(shown?.createdAt);
  let bound = boundOf(context, undefined, createdAt);
  const unanswered = key === null ? undefined : tenant?.unanswered.get(key);
  if (unanswered !== undefined) bound = Math.min(bound, unanswered);
  const compare = (answer: Answer) => {
    const predicted = observedOf(answer);
    const body =
      answer.status === 201 && !answer.replayed && isObject(answer.body) && shown
        ? { ...answer.body, id: shown.id }
        : answer.body;
    return answerDifferences({ ...predicted, body }, observed, SandboxSchema);
  };
  const question = {
    tenant: tenant?.id,
    worlds: worldsFor('create', observed),
    sandboxes: [],
    ...(tenant ? { idempotency: idempotencyOf(context, tenant) } : {}),
    bound,
    latest: latestOf(context),
    revealed: createdAt === undefined ? [] : [createdAt],
    request: replay(context.request, tenant?.id),
    observed,
    compare,
  };
  let { match, closest } = await explain(context.reference, question);
  match ??= await bootedBeforeAnswer(context, tenant, shown, bound);
  if (key !== null) tenant?.unanswered.delete(key);
  if (tenant !== undefined && shown !== undefined)
    learnCreated(context, tenant, shown, match ?? closest, match !== undefined);
  if (match !== undefined) {
    if (match.answer.status < 300) mirror.raiseFloor(match.plan.at);
    return { findings: [], allowances: match.allowances };
  }
  return findingsOf(context, 'create', undefined, closest);
}

/**
 * A create answered `running` with `startedAt` after `createdAt`: the upstream answered once
 * the boot was over. Asked as: the reference creates while booting, the boot ends at
 * `startedAt`, and the sandbox is read then.
 */
async function bootedBeforeAnswer(
  context: BehaviourContext,
  tenant: Tenant | undefined,
  shown: Record<string, unknown> | undefined,
  bound: number,
): Promise<Explanation | undefined> {
  const createdAt = instantOf(shown?.createdAt);
  const startedAt = instantOf(shown?.startedAt);
  if (
    shown?.state !== 'running' ||
    createdAt === undefined ||
    startedAt === undefined ||
    startedAt <= createdAt
  ) {
    return undefined;
  }
  if (tenant === undefined || createdAt < bound) return undefined;
  const created = await context.reference.ask({
    world: 'booting',
    tenant: tenant.id,
    sandboxes: [],
    idempotency: idempotencyOf(context, tenant),
    start: createdAt,
    steps: [],
    at: createdAt,
    request: replay(context.request, tenant.id),
  });
  const made = created?.status === 201 && isObject(created.body) ? created.after.sandboxes[0] : undefined;
  if (made === undefined) return undefined;
  const { match } = await explain(context.reference, {
    tenant: tenant.id,
    worlds: ['plain'],
    sandboxes: [{ ...made, bootEndsAt: toIso(startedAt) }],
    bound: startedAt,
    revealed: [],
    request: ownRequest('GET', `/v1/sandboxes/${made.id}`, tenant.id),
    observed: context.observed,
    compare: (answer) =>
      answerDifferences(
        {
          ...observedOf(answer),
          status: 201,
          body: isObject(answer.body) ? { ...answer.body, id: shown.id } : answer.body,
        },
        context.observed,
        SandboxSchema,
      ),
  });
  if (match === undefined) return undefined;
  return { ...match, allowances: [...new Set([...match.allowances, 'boot-time' as const])] };
}

/** Mirrors a created sandbox: the reference's record when it agreed, else the upstream's answer. */
function learnCreated(
  context: BehaviourContext,
  tenant: Tenant,
  shown: Record<string, unknown>,
  explanation: Explanation | undefined,
  agreed: boolean,
): void {
  const { mirror } = context;
  if (agreed && explanation?.answer.replayed) return;
  // The reference started from no sandbox: the one it holds now is the one it made.
  const made = agreed ? explanation?.answer.after.sandboxes[0] : undefined;
  if (agreed && explanation !== undefined && made !== undefined) {
    // The reference's entry names its owner id; the mirror files it under the tenant id again.
    const { owner: _owner, ...record } = made;
    const sandbox: SnapshotSandbox = { ...record, id: String(shown.id), apiKey: tenant.id };
    const booting = explanation.plan.world === 'booting' && sandbox.state === 'creating';
    mirror.set(tenant, { sandbox, seenAt: explanation.plan.at, stale: false, bootUnknown: booting });
    rememberFirstAnswer(context, tenant, explanation.answer, explanation.plan.at);
    return;
  }
  const entry = entryFrom(tenant, shown, boundOf(context), shown.state === 'creating');
  if (entry !== undefined) {
    mirror.set(tenant, entry);
    mirror.raiseFloor(entry.seenAt);
    if (explanation !== undefined) rememberFirstAnswer(context, tenant, explanation.answer, entry.seenAt);
  }
}

/**
 * A call on one sandbox (get, pause, resume, terminate). Known to the tenant: the reference
 * answers it from the mirrored state, searched over what may have happened unseen (time,
 * activity, a boot ending). Another tenant's: the reference answers 404. Unknown: predicted
 * (404) only when the tenant's every sandbox is known or the id cannot exist.
 */
export async function checkSandboxCall(
  context: BehaviourContext,
  tenant: Tenant | undefined,
  name: Exclude<OperationKind, 'create' | 'list'>,
  sandboxId: string,
): Promise<BehaviourResult> {
  const { observed, mirror } = context;
  const call = `${name} ${sandboxId}`;
  const schema = RESULT_SCHEMAS[name];
  const entry = tenant?.sandboxes.get(sandboxId);
  const shown = observed.status < 300 && isObject(observed.body) ? observed.body : undefined;
  const compare = (answer: Answer) => answerDifferences(observedOf(answer), observed, schema);
  const learnShown = (): void => {
    if (tenant === undefined || name !== 'get' || shown === undefined) return;
    const learnt = entryFrom(tenant, shown, boundOf(context), entry?.bootUnknown ?? false);
    if (learnt !== undefined) {
      mirror.set(tenant, learnt);
      mirror.raiseFloor(learnt.seenAt);
    }
  };

  if (entry === undefined) {
    const foreign = tenant === undefined ? undefined : mirror.foreignEntry(tenant.id, sandboxId);
    const predictable =
      foreign !== undefined || tenant?.complete === true || !SANDBOX_ID_PATTERN.test(sandboxId);
    if (!predictable) {
      learnShown();
      return { findings: [], allowances: [], notPredicted: 'unknown-sandbox' };
    }
    const { match, closest } = await explain(context.reference, {
      tenant: tenant?.id,
      worlds: ['plain'],
      sandboxes: foreign ? [foreign.sandbox] : [],
      bound: boundOf(context, foreign),
      revealed: [],
      request: replay(context.request, tenant?.id),
      observed,
      compare,
    });
    if (match !== undefined) return { findings: [], allowances: match.allowances };
    const verdict = findingsOf(context, call, undefined, closest);
    learnShown();
    return verdict;
  }
  if (entry.stale) {
    learnShown();
    return { findings: [], allowances: [], notPredicted: 'stale-sandbox' };
  }

  const { match, closest } = await explain(context.reference, {
    tenant: tenant?.id,
    worlds: worldsFor(name, observed),
    sandboxes: [entry.sandbox],
    ...(tenant ? { idempotency: idempotencyOf(context, tenant) } : {}),
    focus: entry,
    ...(shown ? { shown } : {}),
    bound: boundOf(context, entry),
    latest: latestOf(context, entry),
    revealed: revealedInstants(shown),
    request: replay(context.request, tenant?.id),
    observed,
    compare,
  });
  if (tenant !== undefined && match !== undefined) {
    const after = match.answer.after.sandboxes.find((sandbox) => sandbox.id === sandboxId);
    if (after !== undefined) {
      const bootUnknown = entry.bootUnknown && after.state === 'creating';
      mirror.set(tenant, { sandbox: after, seenAt: match.plan.at, stale: false, bootUnknown });
    }
    rememberFirstAnswer(context, tenant, match.answer, match.plan.at);
    mirror.raiseFloor(match.plan.at);
    return { findings: [], allowances: match.allowances };
  }
  if (entry.bootUnknown && entry.sandbox.state === 'creating') {
    if (tenant !== undefined) mirror.markStale(tenant, sandboxId);
    learnShown();
    return { findings: [], allowances: [], notPredicted: 'boot-unknown' };
  }
  const verdict = findingsOf(context, call, entry, closest);
  if (tenant !== undefined) mirror.markStale(tenant, sandboxId);
  learnShown();
  return verdict;
}
