import type fc from 'fast-check';

/**
 * fast-check parameters, overridable from the environment so a failure can be replayed:
 * RELIABILITY_SEED and RELIABILITY_PATH (both printed by fast-check on failure) and
 * RELIABILITY_RUNS (the number of cases).
 */
export function replayParameters<T>(defaults: { numRuns: number }): fc.Parameters<T> {
  const seed = process.env.RELIABILITY_SEED;
  const path = process.env.RELIABILITY_PATH;
  const runs = process.env.RELIABILITY_RUNS;
  const parameters: fc.Parameters<T> = {
    numRuns: runs ? Number(runs) : defaults.numRuns,
    verbose: 1,
  };
  if (seed) parameters.seed = Number(seed);
  if (path) parameters.path = path;
  return parameters;
}
