/**
 * One `abort` listener per signal, however many calls wait on it (docs/decisions/0103):
 * 1,000 concurrent calls sharing a signal add one listener, not 1,000 (Node warns past 10),
 * and the last call to finish removes it.
 */
interface Waiting {
  readonly callbacks: Set<() => void>;
  readonly fire: () => void;
}

const WAITING = new WeakMap<AbortSignal, Waiting>();

/**
 * Runs `callback` when `signal` aborts; the function returned unsubscribes. The caller
 * checks `signal.aborted` first: a signal already aborted never fires again.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let waiting = WAITING.get(signal);
  if (!waiting) {
    const callbacks = new Set<() => void>();
    const fire = () => {
      WAITING.delete(signal);
      for (const run of [...callbacks]) run();
    };
    waiting = { callbacks, fire };
    WAITING.set(signal, waiting);
    signal.addEventListener('abort', fire, { once: true });
  }
  const { callbacks, fire } = waiting;
  const entry = () => callback();
  callbacks.add(entry);
  return () => {
    if (!callbacks.delete(entry) || callbacks.size > 0) return;
    if (WAITING.get(signal)?.callbacks === callbacks) WAITING.delete(signal);
    signal.removeEventListener('abort', fire);
  };
}
