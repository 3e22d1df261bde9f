import type { Sandbox, SandboxSummary } from '../../src/schemas/index.js';
import { toIso } from './clock.js';
import type { SandboxRecord } from './types.js';

type Timestamps = Pick<Sandbox, 'createdAt' | 'startedAt' | 'pausedAt' | 'resumedAt' | 'terminatedAt'>;

function timestamps(sandbox: SandboxRecord): Timestamps {
  const out: Timestamps = { createdAt: toIso(sandbox.createdAt) };
  if (sandbox.startedAt !== undefined) out.startedAt = toIso(sandbox.startedAt);
  if (sandbox.pausedAt !== undefined) out.pausedAt = toIso(sandbox.pausedAt);
  if (sandbox.resumedAt !== undefined) out.resumedAt = toIso(sandbox.resumedAt);
  if (sandbox.terminatedAt !== undefined) out.terminatedAt = toIso(sandbox.terminatedAt);
  return out;
}

/** Copies a string map keeping every own key (`__proto__` included) as plain data. */
export const copyMap = (map: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(map));

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
