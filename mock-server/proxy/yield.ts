/**
 * Resolves after pending I/O has run: checks run after each answer is sent, and a request
 * arriving meanwhile is forwarded between their steps instead of waiting for all of them.
 * `setImmediate` where the runtime has it (Node, Bun, Deno), else a zero timeout.
 *
 * @example
 * ```ts
 * await yieldToIo();
 * ```
 */
export function yieldToIo(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => {
    if (immediate) immediate(resolve);
    else setTimeout(resolve, 0);
  });
}
