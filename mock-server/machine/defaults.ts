import { type CreateSandboxParams, LIMITS } from '../../src/schemas/index.js';
import { copyMap } from './present.js';
import type { SandboxRecord } from './types.js';

/** The configuration part of a sandbox record. */
export type SandboxConfig = Pick<
  SandboxRecord,
  'image' | 'resources' | 'env' | 'workdir' | 'timeoutMs' | 'idleTimeoutMs' | 'metadata' | 'network'
>;

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
          ? { default: egress?.default ?? LIMITS.network.egressDefault }
          : { allow: [...egress.allow], default: egress.default ?? LIMITS.network.egressDefault },
    },
  };
}
