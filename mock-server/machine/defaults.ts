import { type CreateSandboxParams, type EGRESS_POLICIES, LIMITS } from '../../src/schemas/index.js';
import { copyMap } from './present.js';
import type { SandboxRecord } from './types.js';

/** The configuration part of a sandbox record. */
export type SandboxConfig = Pick<
  SandboxRecord,
  'image' | 'resources' | 'env' | 'workdir' | 'timeoutMs' | 'idleTimeoutMs' | 'metadata' | 'network'
>;

/** The contract's default egress policy (LIMITS does not hold it). */
export const DEFAULT_EGRESS_POLICY = 'allow' satisfies (typeof EGRESS_POLICIES)[number];

/** Applies the contract's defaults (from `LIMITS`) to a validated create body. */
export function applyDefaults(params: CreateSandboxParams): SandboxConfig {
  const { resources } = LIMITS;
  const egress = params.network?.egress;
  return {
    image: params.image,
    resources: {
      cpu: params.resources?.cpu ?? resources.cpu.default,
      memoryMb: params.resources?.memoryMb ?? resources.memoryMb.default,
      diskMb: params.resources?.diskMb ?? resources.diskMb.default,
    },
    env: copyMap(params.env ?? {}),
    workdir: params.workdir ?? LIMITS.workdir.default,
    timeoutMs: params.timeoutMs ?? LIMITS.timeoutMs.default,
    idleTimeoutMs: params.idleTimeoutMs ?? LIMITS.idleTimeoutMs.default,
    metadata: copyMap(params.metadata ?? {}),
    network: {
      egress:
        egress?.allow === undefined
          ? { default: egress?.default ?? DEFAULT_EGRESS_POLICY }
          : { allow: [...egress.allow], default: egress.default ?? DEFAULT_EGRESS_POLICY },
    },
  };
}
