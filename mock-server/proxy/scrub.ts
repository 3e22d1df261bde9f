/** What replaces a secret found in what the proxy keeps. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for (they would match ordinary text). */
const MIN_SECRET_LENGTH = 8;

/** How deep a value is walked; deeper parts are replaced. */
const MAX_DEPTH = 256;

/**
 * What is secret in an `Authorization` header: the header's value, and its last word (the
 * key, whatever the scheme, well-formed or not).
 *
 * @example
 * ```ts
 * secretsOf('Token sk_live_abc123'); // ['Token sk_live_abc123', 'sk_live_abc123']
 * ```
 */
export function secretsOf(authorization: string | null): string[] {
  if (authorization === null) return [];
  const words = authorization.trim().split(/\s+/);
  return [authorization, authorization.trim(), words[words.length - 1] ?? ''];
}

/**
 * Removes secrets (a caller's key) from everything the proxy keeps: the answers it checks and
 * mirrors, the requests it replays, the findings it reports. Values are copied, never changed
 * in place; a secret is looked for in strings and in object keys, as written and as JSON
 * escapes it.
 *
 * @example
 * ```ts
 * const scrubber = new Scrubber(secretsOf('Bearer sk_live_abc123'));
 * scrubber.value({ message: 'bad key sk_live_abc123' }); // { message: 'bad key [redacted]' }
 * ```
 */
export class Scrubber {
  readonly #secrets: string[];

  constructor(secrets: readonly string[]) {
    const found = new Set<string>();
    for (const secret of secrets) {
      if (secret.length < MIN_SECRET_LENGTH) continue;
      found.add(secret);
      found.add(JSON.stringify(secret).slice(1, -1));
    }
    this.#secrets = [...found].sort((a, b) => b.length - a.length);
  }

  /** Whether there is anything to remove. */
  get empty(): boolean {
    return this.#secrets.length === 0;
  }

  /** `text` without the secrets. */
  text(text: string): string {
    let out = text;
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** A JSON-like value without the secrets (a `__proto__` key stays plain data). */
  value<T>(value: T): T {
    return this.empty ? value : (this.#walk(value, 0) as T);
  }

  /** UTF-8 bytes without the secrets (bytes that are not UTF-8 are kept as they are). */
  bytes(bytes: Uint8Array): Uint8Array {
    if (this.empty) return bytes;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return bytes;
    }
    const clean = this.text(text);
    return clean === text ? bytes : new TextEncoder().encode(clean);
  }

  #walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.text(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_DEPTH) return REDACTED;
    if (Array.isArray(value)) return value.map((item) => this.#walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, this.text(key), {
        value: this.#walk(item, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
}
