import { toIso } from '../../machine/clock.js';
import { readSnapshot, type SnapshotSandbox } from '../../machine/snapshot.js';
import { fireDeadline, nextDeadline } from '../../machine/timers.js';
import { yieldToIo } from '../yield.js';
import type { Difference, Observed } from './compare.js';
import type { MirrorEntry } from './mirror.js';
import type { Answer, Plan, Reference, Step, World } from './scratch.js';

/**
 * Why an answer that is not the reference's first guess is still one the reference gives:
 * - `time-passed`: the upstream's clock was later than the proxy last knew (a timer fired);
 * - `unseen-activity`: an execution request the proxy does not see kept the sandbox busy or
 *   woke it up (the Execution API is outside this contract);
 * - `boot-time`: the upstream boots sandboxes for a while (`creating`);
 * - `capacity`: the upstream had no free vCPU (503 `RESOURCE_EXHAUSTED`);
 * - `rate-limit`: the key's creation budget was used up (429 `RATE_LIMITED`).
 */
export type Allowance = 'time-passed' | 'unseen-activity' | 'boot-time' | 'capacity' | 'rate-limit';

const WORLD_ALLOWANCE: Partial<Record<World, Allowance>> = {
  booting: 'boot-time',
  noCapacity: 'capacity',
  rateLimited: 'rate-limit',
};

/** A question: can the reference, under some allowed circumstance, give this answer? */
export interface Question {
  tenant: string | undefined;
  /** The circumstances to try, most likely first. */
  worlds: readonly World[];
  /** The state the reference starts from (every entry valid at `start`). */
  sandboxes: SnapshotSandbox[];
  idempotency?: Plan['idempotency'];
  /** The sandbox whose timeline is searched (timers, activity, boot), if any. */
  focus?: MirrorEntry;
  /** The sandbox as the answer shows it (a full sandbox, a summary or a result), if it does. */
  shown?: Record<string, unknown>;
  /** The earliest upstream instant the answer can come from. */
  bound: number;
  /**
   * The latest upstream instant known when the request was sent (defaults to `bound`): an
   * answer from later than this needed time to pass.
   */
  latest?: number | undefined;
  /** Upstream instants the answer reveals (its timestamps). */
  revealed: readonly number[];
  request: () => Request;
  observed: Observed;
  /** Differences between the reference's answer and the upstream's (none: explained). */
  compare(answer: Answer): Difference[];
}

/** A run of the reference: its answer, under which circumstances, and what it differs in. */
export interface Explanation {
  answer: Answer;
  plan: Plan;
  differences: Difference[];
  allowances: Allowance[];
}

/** Evaluations one question may cost before the closest one so far is taken. */
const MAX_EVALUATIONS = 64;
/** Deadlines looked at past the bound (boot end, idle pause, lifetime, and a spare). */
const MAX_DEADLINES = 4;

/** The instants at which timers change a sandbox, from `from` on (the machine's timer rules). */
function deadlinesOf(entry: MirrorEntry, from: number): number[] {
  const [record] = readSnapshot({ version: 1, sandboxes: [entry.sandbox] }).sandboxes;
  const out: number[] = [];
  if (record === undefined) return out;
  for (
    let at = nextDeadline(record);
    at !== undefined && out.length < MAX_DEADLINES;
    at = nextDeadline(record)
  ) {
    if (at > from) out.push(at);
    fireDeadline(record, at);
  }
  return out;
}

const instantOf = (value: unknown): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isSafeInteger(ms) ? ms : undefined;
};

/** A sandbox entry with `lastActivityAt` moved to `until` (activity kept it busy until then). */
const keptActive =
  (until: number) =>
  (entry: SnapshotSandbox): SnapshotSandbox => {
    if (entry.state !== 'running') return entry;
    const last = instantOf(entry.lastActivityAt) ?? Number.NEGATIVE_INFINITY;
    return until > last ? { ...entry, lastActivityAt: toIso(until) } : entry;
  };

/** The step "activity kept the sandbox running until `until`", written at `from`. */
const keep = (from: number, sandboxId: string, until: number): Step => ({
  kind: 'edit',
  at: from,
  sandboxId,
  edit: keptActive(until),
  because: 'unseen-activity',
});

/** A steps recipe: the steps for an answer at instant `at`, or `undefined` when they cannot apply. */
type Recipe = (at: number) => Step[] | undefined;

/**
 * What may have happened to the focus sandbox that the proxy did not see, as the answer's
 * own timestamps tell: a boot that ended (`startedAt`), an auto-resume (`resumedAt`),
 * activity that postponed the idle pause (`pausedAt − idleTimeoutMs`) or is keeping the
 * sandbox running. Simplest first.
 */
function recipesFor(focus: MirrorEntry | undefined, shown: Record<string, unknown> | undefined): Recipe[] {
  if (focus === undefined) return [() => []];
  const known = focus.sandbox;
  const id = known.id;
  const start = focus.seenAt;
  const newer = (field: 'resumedAt' | 'pausedAt' | 'startedAt') => {
    const value = shown?.[field];
    return value !== undefined && value !== known[field] ? instantOf(value) : undefined;
  };
  const bootEnd = focus.bootUnknown && known.state === 'creating' ? newer('startedAt') : undefined;
  const resumed = newer('resumedAt');
  const paused = newer('pausedAt');
  const idle = known.idleTimeoutMs;

  const boots: (Step[] | undefined)[] = [[]];
  if (bootEnd !== undefined && bootEnd >= start) {
    boots.unshift([
      {
        kind: 'edit',
        at: start,
        sandboxId: id,
        edit: (entry) => ({ ...entry, bootEndsAt: toIso(bootEnd) }),
        because: 'boot-time',
      },
    ]);
  }
  const wakes: Step[][] = [[]];
  if (resumed !== undefined && resumed >= start)
    wakes.push([{ kind: 'activity', at: resumed, sandboxId: id }]);
  const keeps: ((from: number, at: number) => Step[] | undefined)[] = [() => []];
  if (idle > 0 && paused !== undefined) {
    keeps.push((from) => {
      const until = paused - idle;
      return until >= from ? [keep(from, id, until)] : undefined;
    });
  }
  if (idle > 0 && shown?.state === 'running') {
    keeps.push((from, at) => [keep(from, id, at)]);
  }

  const recipes: Recipe[] = [];
  for (const boot of boots) {
    for (const wake of wakes) {
      for (const keep of keeps) {
        recipes.push((at) => {
          if (boot === undefined) return undefined;
          const from = wake[0]?.at ?? start;
          if (from > at) return undefined;
          const kept = keep(from, at);
          return kept === undefined ? undefined : [...boot, ...wake, ...kept];
        });
      }
    }
  }
  return recipes;
}

function allowancesOf(plan: Plan, latest: number): Allowance[] {
  const out = new Set<Allowance>();
  const world = WORLD_ALLOWANCE[plan.world];
  if (world) out.add(world);
  if (plan.at > latest) out.add('time-passed');
  for (const step of plan.steps) out.add(step.kind === 'activity' ? 'unseen-activity' : step.because);
  return [...out];
}

/**
 * Searches for a run of the reference that gives the upstream's answer: each allowed world,
 * each recipe of unseen events, each candidate instant (the bound, the instants the answer
 * reveals, the focus sandbox's next deadlines), simplest first. Returns the first that
 * matches, else the closest (fewest differences) to report.
 *
 * @example
 * ```ts
 * const { match, closest } = await explain(reference, question);
 * ```
 */
export async function explain(
  reference: Reference,
  question: Question,
): Promise<{ match?: Explanation; closest?: Explanation | undefined }> {
  const { focus, bound } = question;
  const recipes = recipesFor(focus, question.shown);
  // A divergence is reported against the closest run at an instant the answer itself vouches
  // for (its timestamps, the bound); later instants only when no such run exists: "running
  // was expected" reads better than "it would be terminated hours from now".
  const horizon = Math.max(bound, ...question.revealed);
  const latest = Math.max(bound, question.latest ?? bound);
  let closest: Explanation | undefined;
  let closestLater: Explanation | undefined;
  const nearest = () => closest ?? closestLater;
  const tried = new Set<string>();
  let evaluations = 0;

  /** One run of the reference; a match ends the search. */
  const attempt = async (world: World, index: number, at: number): Promise<Explanation | undefined> => {
    const key = `${world} ${index} ${at}`;
    const steps = tried.has(key) ? undefined : recipes[index]?.(at);
    tried.add(key);
    if (steps === undefined) return undefined;
    evaluations++;
    await yieldToIo();
    const plan: Plan = {
      world,
      tenant: question.tenant,
      sandboxes: question.sandboxes,
      start: focus ? Math.min(focus.seenAt, at) : at,
      steps,
      at,
      request: question.request,
      ...(question.idempotency ? { idempotency: question.idempotency } : {}),
    };
    const answer = await reference.ask(plan);
    if (answer === undefined) return undefined;
    const differences = question.compare(answer);
    const explanation: Explanation = { answer, plan, differences, allowances: allowancesOf(plan, latest) };
    if (differences.length === 0) return explanation;
    if (at <= horizon) {
      if (closest === undefined || differences.length < closest.differences.length) closest = explanation;
    } else if (closestLater === undefined || differences.length < closestLater.differences.length) {
      closestLater = explanation;
    }
    return undefined;
  };

  // The usual case first: nothing unseen, at the latest instant the answer shows.
  const first = question.worlds[0];
  if (first !== undefined) {
    const match = await attempt(first, 0, horizon);
    if (match) return { match };
  }
  const instants = [...new Set([bound, ...question.revealed, ...(focus ? deadlinesOf(focus, bound) : [])])]
    .filter((at) => at >= bound)
    .sort((a, b) => a - b);
  for (const world of question.worlds) {
    for (let index = 0; index < recipes.length; index++) {
      for (const at of instants) {
        if (evaluations >= MAX_EVALUATIONS) return { closest: nearest() };
        const match = await attempt(world, index, at);
        if (match) return { match };
      }
    }
  }
  return { closest: nearest() };
}
