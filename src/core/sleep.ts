import { onAbort } from './abort.js';

/**
 * Waits `ms` milliseconds, or rejects with `signal.reason` as soon as `signal` aborts. Its
 * interest in the signal ends either way, so a long-lived signal collects nothing.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const off = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        })
      : undefined;
    const timer = setTimeout(() => {
      off?.();
      resolve();
    }, ms);
  });
}
