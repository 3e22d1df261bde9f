import type { SandboxRecord } from './types.js';

/** The instant a sandbox's lifetime ends: `createdAt + timeoutMs`, from any state. */
export const lifetimeEnd = (sandbox: SandboxRecord): number => sandbox.createdAt + sandbox.timeoutMs;

/** The instant a running sandbox auto-pauses, or undefined when it cannot (idle timer off, not running). */
export function idleDeadline(sandbox: SandboxRecord): number | undefined {
  if (sandbox.state !== 'running' || sandbox.idleTimeoutMs === 0 || sandbox.lastActivityAt === undefined) {
    return undefined;
  }
  return sandbox.lastActivityAt + sandbox.idleTimeoutMs;
}

/** The next instant at which a timer changes this sandbox, or undefined once terminated. */
export function nextDeadline(sandbox: SandboxRecord): number | undefined {
  if (sandbox.state === 'terminated') return undefined;
  let next = lifetimeEnd(sandbox);
  if (sandbox.state === 'creating') next = Math.min(next, sandbox.bootEndsAt);
  const idle = idleDeadline(sandbox);
  if (idle !== undefined) next = Math.min(next, idle);
  return next;
}

/**
 * Applies the timer due at `at` (its next deadline). The lifetime wins a tie: a sandbox
 * whose boot end or idle deadline coincides with its lifetime end is terminated.
 * Returns whether the sandbox stopped using compute (so capacity can be released).
 */
export function fireDeadline(sandbox: SandboxRecord, at: number): { releasedCpu: boolean } {
  const usedCpu = sandbox.state === 'creating' || sandbox.state === 'running';
  if (at >= lifetimeEnd(sandbox)) {
    sandbox.state = 'terminated';
    sandbox.terminatedAt = lifetimeEnd(sandbox);
    return { releasedCpu: usedCpu };
  }
  if (sandbox.state === 'creating' && at >= sandbox.bootEndsAt) {
    sandbox.state = 'running';
    sandbox.startedAt = sandbox.bootEndsAt;
    sandbox.lastActivityAt = sandbox.bootEndsAt;
    return { releasedCpu: false };
  }
  const idle = idleDeadline(sandbox);
  if (idle !== undefined && at >= idle) {
    sandbox.state = 'paused';
    sandbox.pausedAt = idle;
    return { releasedCpu: true };
  }
  return { releasedCpu: false };
}
