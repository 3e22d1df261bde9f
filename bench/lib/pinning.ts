import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Core pinning for the throughput section: autocannon (in this process) on core 0, the
 * server under load on core 1. Unpinned, the two fight over the same 2 cores and a bare
 * server's rate swung from 35k to 72k req/s between runs; pinned apart, runs agree.
 * Off when `taskset` is missing or there are fewer than 2 cores (figures then say so).
 */
export const PINNING =
  availableParallelism() >= 2 &&
  (() => {
    try {
      execFileSync('taskset', ['-V'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

/** Pins every thread of this process to `cpus` (e.g. '0'); a no-op without pinning. */
export function pinSelf(cpus: string): void {
  if (PINNING) execFileSync('taskset', ['-a', '-cp', cpus, String(process.pid)], { stdio: 'ignore' });
}

/** Lets this process run on every core again. */
export function unpinSelf(): void {
  pinSelf(`0-${availableParallelism() - 1}`);
}

/** The command prefix that starts a child on core `cpu`, or nothing without pinning. */
export function pinnedCommand(cpu: number): string[] {
  return PINNING ? ['taskset', '-c', String(cpu)] : [];
}
