import type { Sandbox, SandboxSummary } from '../../src/schemas/index.js';
import { toIso } from './clock.js';
import type { SandboxRecord } from './types.js';

type Timestamps = Pick<Sandbox, 'createdAt' | 'startedAt' | 'pausedAt' | 'resumedAt' | 'terminatedAt'>;

/** A record's timestamps as strings, with the instants they were made from. */
interface PresentedTimes {
  from: readonly [number, number | undefined, number | undefined, number | undefined, number | undefined];
  times: Timestamps;
}

/**
 * Formatted timestamps by record: formatting them is a measurable part of a GET, and a
 * record's instants rarely change (checked on every use, so a change is never missed).
 */
const presented = new WeakMap<SandboxRecord, PresentedTimes>();

function formatTimestamps(sandbox: SandboxRecord): Timestamps {
  const out: Timestamps = { createdAt: toIso(sandbox.createdAt) };
  if (sandbox.startedAt !== undefined) out.startedAt = toIso(sandbox.startedAt);
  if (sandbox.pausedAt !== undefined) out.pausedAt = toIso(sandbox.pausedAt);
  if (sandbox.resumedAt !== undefined) out.resumedAt = toIso(sandbox.resumedAt);
  if (sandbox.terminatedAt !== undefined) out.terminatedAt = toIso(sandbox.terminatedAt);
  return out;
}

/** The record's timestamps as ISO strings (a shared object: callers spread it, never hand it out). */
function timestamps(sandbox: SandboxRecord): Timestamps {
  const { createdAt, startedAt, pausedAt, resumedAt, terminatedAt } = sandbox;
  const cached = presented.get(sandbox);
  if (
    cached !== undefined &&
    cached.from[0] === createdAt &&
    cached.from[1] === startedAt &&
    cached.from[2] === pausedAt &&
    cached.from[3] === resumedAt &&
    cached.from[4] === terminatedAt
  ) {
    return cached.times;
  }
  const times = formatTimestamps(sandbox);
  presented.set(sandbox, { from: [createdAt, startedAt, pausedAt, resumedAt, terminatedAt], times });
  return times;
}

/** Copies a string map keeping every own key (`__proto__` included) as plain data. */
export const copyMap = (map: Record<string, string>): Record<string, string> => {
  const copy: Record<string, string> = {};
  for (const key of Object.keys(map)) {
    // Assigning `__proto__` would set the prototype: such a map takes the defining path.
    if (key === '__proto__') return Object.fromEntries(Object.entries(map));
    copy[key] = map[key] as string;
  }
  return copy;
};

function copyNetwork(network: SandboxRecord['network']): Sandbox['network'] {
  const { allow, default: policy } = network.egress;
  return { egress: allow === undefined ? { default: policy } : { allow: [...allow], default: policy } };
}

/** The full public shape, as create and get return it. */
export function toSandbox(sandbox: SandboxRecord): Sandbox {
  return {
    id: sandbox.id,
    state: sandbox.state,
    image: sandbox.image,
    resources: { ...sandbox.resources },
    env: copyMap(sandbox.env),
    workdir: sandbox.workdir,
    timeoutMs: sandbox.timeoutMs,
    idleTimeoutMs: sandbox.idleTimeoutMs,
    metadata: copyMap(sandbox.metadata),
    network: copyNetwork(sandbox.network),
    ...timestamps(sandbox),
  };
}

/** A list item: no `env`, `workdir`, timers or `network`. */
export function toSummary(sandbox: SandboxRecord): SandboxSummary {
  return {
    id: sandbox.id,
    state: sandbox.state,
    image: sandbox.image,
    resources: { ...sandbox.resources },
    metadata: copyMap(sandbox.metadata),
    ...timestamps(sandbox),
  };
}
