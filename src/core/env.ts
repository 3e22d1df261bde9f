/**
 * Reads an environment variable where there may be no `process` (browsers, Workers) or
 * where reading it throws (Deno without `--allow-env`). Empty values count as unset.
 */
export function readEnv(name: string): string | undefined {
  try {
    return globalThis.process?.env?.[name]?.trim() || undefined;
  } catch {
    return undefined;
  }
}
