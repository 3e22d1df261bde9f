import { SandboxSchema } from '../../../src/schemas/index.js';
import type { Finding } from '../../http/finding.js';
import { DEFAULT_START_TIME } from '../../machine/clock.js';
import { readSnapshot, type SnapshotSandbox } from '../../machine/snapshot.js';
import type { RouteMatch } from '../routes.js';
import { pickKnown } from '../shapes/schema-walk.js';
import { TIMESTAMP_FIELDS } from '../shapes/values.js';
import type { Difference, Observed } from './compare.js';
import type { Allowance } from './explain.js';
import type { Mirror, MirrorEntry, Tenant } from './mirror.js';
import type { ReplayedRequest } from './reference-request.js';
import type { Reference } from './scratch.js';

/**
 * How far apart the upstream's clocks may be (several servers behind one URL): an answer
 * may show an instant up to this much before the latest one seen.
 */
export const CLOCK_SKEW_MS = 1000;

/** Why an exchange's answer was not predicted (its shapes are still checked). */
export type NotPredicted =
  | 'unknown-sandbox'
  | 'stale-sandbox'
  | 'boot-unknown'
  | 'concurrent'
  | 'no-api-key'
  | 'unknown-key'
  | 'server-error'
  | 'not-representable';

/** Everything a behaviour check reads and may update. */
export interface BehaviourContext {
  reference: Reference;
  mirror: Mirror;
  route: RouteMatch;
  request: ReplayedRequest;
  /** The caller's tenant (`undefined`: no well-formed key). */
  tenant: Tenant | undefined;
  /** The latest upstream instant seen when the request was sent. */
  floorAtStart: number | undefined;
  observed: Observed;
  /** Another exchange that could change this one's answer overlapped it in time. */
  concurrent: boolean;
  /** Paths already reported as shape findings (not reported again as behaviour). */
  shapePaths: ReadonlySet<string>;
}

/** What a behaviour check concluded. */
export interface BehaviourResult {
  findings: Finding[];
  allowances: (Allowance | 'unknown-key' | 'server-error')[];
  /** Set when the answer was not predicted, with why. */
  notPredicted?: NotPredicted;
}

/** An epoch-ms instant from an ISO string, if it is one. */
export const instantOf = (value: unknown): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isSafeInteger(ms) ? ms : undefined;
};

/** Whether a JSON value is an object (not an array, not null). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The instants a sandbox-shaped value shows (its lifecycle timestamps, or a result's `…At`). */
export function revealedInstants(value: unknown): number[] {
  if (!isObject(value)) return [];
  const out: number[] = [];
  for (const [field, raw] of Object.entries(value)) {
    if (!TIMESTAMP_FIELDS.includes(field)) continue;
    const at = instantOf(raw);
    if (at !== undefined) out.push(at);
  }
  return out;
}

/**
 * The earliest instant the upstream can have answered at: not before the latest instant seen
 * when the request was sent (less the skew), nor before the focus sandbox was last seen.
 */
export function boundOf(context: BehaviourContext, entry?: MirrorEntry, fallback?: number): number {
  const floor = context.floorAtStart === undefined ? undefined : context.floorAtStart - CLOCK_SKEW_MS;
  const candidates = [floor, entry?.seenAt].filter((at): at is number => at !== undefined);
  if (candidates.length > 0) return Math.max(...candidates);
  return fallback ?? DEFAULT_START_TIME;
}

/** The latest upstream instant known when the request was sent (for the `time-passed` allowance). */
export function latestOf(context: BehaviourContext, entry?: MirrorEntry): number | undefined {
  const known = [context.floorAtStart, entry?.seenAt].filter((at): at is number => at !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
}

/**
 * A mirror entry from a sandbox as the upstream showed it, when the reference would hold it
 * (valid as a snapshot entry); `undefined` otherwise.
 */
export function entryFrom(
  tenant: Tenant,
  shown: unknown,
  seenAt: number,
  bootUnknown = false,
): MirrorEntry | undefined {
  if (!isObject(shown)) return undefined;
  const sandbox = { ...(pickKnown(shown, SandboxSchema) as object), apiKey: tenant.id } as SnapshotSandbox;
  if (bootUnknown && sandbox.state === 'creating') {
    const createdAt = instantOf(sandbox.createdAt);
    // Its boot end is unknown: not before its lifetime ends, until the upstream shows it.
    if (createdAt !== undefined && typeof sandbox.timeoutMs === 'number') {
      sandbox.bootEndsAt = new Date(createdAt + sandbox.timeoutMs).toISOString();
    }
  }
  try {
    const [record] = readSnapshot({ version: 1, sandboxes: [sandbox] }).sandboxes;
    if (record === undefined) return undefined;
  } catch {
    return undefined;
  }
  const latest = Math.max(seenAt, ...revealedInstants(shown));
  return { sandbox, seenAt: latest, stale: false, bootUnknown: bootUnknown && sandbox.state === 'creating' };
}

/** Behaviour findings from differences, leaving out paths a shape finding already names. */
export function behaviourFindings(
  differences: readonly Difference[],
  describe: (difference: Difference) => string,
  shapePaths: ReadonlySet<string>,
): Finding[] {
  return differences
    .filter((difference) => !shapePaths.has(difference.path))
    .map((difference) => ({
      kind: 'behaviour' as const,
      path: difference.path,
      message: describe(difference),
      expected: difference.expected,
      actual: difference.actual,
    }));
}
