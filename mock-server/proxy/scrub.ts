/** What replaces a secret found in a finding. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for (they would match ordinary text). */
const MIN_SECRET_LENGTH = 4;

/** How deep a value is walked; deeper parts are replaced (findings hold small values). */
const MAX_DEPTH = 64;

/**
 * A function that removes every occurrence of `secrets` from a JSON-like value (in strings
 * and in object keys), so nothing the upstream echoed back (a key in an error message, say)
 * reaches the journal, the log or the report. The value is copied, never changed in place.
 *
 * @example
 * ```ts
 * const scrub = scrubberOf(['sk_live_abc123']);
 * scrub({ message: 'bad key sk_live_abc123' }); // { message: 'bad key [redacted]' }
 * ```
 */
export function scrubberOf(secrets: readonly (string | undefined)[]): <T>(value: T) => T {
  const found = [...new Set(secrets)]
    .filter((secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  if (found.length === 0) return (value) => value;
  const clean = (text: string): string => {
    let out = text;
    for (const secret of found) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return clean(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_DEPTH) return '[too deep]';
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // Defined, not assigned: a `__proto__` key stays plain data.
      Object.defineProperty(out, clean(key), {
        value: walk(item, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return <T>(value: T): T => walk(value, 0) as T;
}
