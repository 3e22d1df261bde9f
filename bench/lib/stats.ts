/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The `q` quantile (0..1) of a list, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A named async operation timed by {@link interleaved}. */
export interface Contender {
  name: string;
  run(): PromiseLike<unknown>;
}

/**
 * Times each contender in interleaved rounds (A B C, B C A, ... so drift and other
 * processes' load hit them all alike) and returns the median µs/call of each over rounds.
 */
export async function interleaved(
  contenders: readonly Contender[],
  options: { rounds: number; callsPerRound: number; warmupCalls: number },
): Promise<Map<string, number>> {
  for (const c of contenders) for (let i = 0; i < options.warmupCalls; i++) await c.run();
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(round + k) % contenders.length]!;
      const started = performance.now();
      for (let i = 0; i < options.callsPerRound; i++) await c.run();
      samples.get(c.name)!.push(((performance.now() - started) * 1000) / options.callsPerRound);
    }
  }
  return new Map([...samples].map(([name, us]) => [name, median(us)]));
}

/** `a / b` to two decimals, e.g. `1.07×`. */
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
