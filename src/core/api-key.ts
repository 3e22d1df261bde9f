import { RunraError } from './errors.js';

/** What a key may hold: printable ASCII, no space. */
const INVALID = /[^\x21-\x7e]/;
/** Keys shorter than this show only their length: their ends would give most of them away. */
const MASK_MIN_LENGTH = 16;

/** The key as an error may show it: `sk_l…RET`, or only its length. Never the key. */
function masked(key: string): string {
  const printable = (part: string) => part.replace(/[^\x21-\x7e]/g, '?');
  return key.length < MASK_MIN_LENGTH
    ? `${key.length} characters`
    : `${printable(key.slice(0, 4))}…${printable(key.slice(-3))}`;
}

/**
 * Refuses, when the client is made, a key that HTTP cannot carry or that no server would
 * accept (docs/decisions/0108): the runtime would otherwise throw a `TypeError` quoting the
 * whole key, or the server would answer 401 after the retries.
 *
 * @throws {RunraError} code `INVALID_API_KEY`, naming where the key came from and what is wrong
 */
export function checkApiKey(key: string, source: string): void {
  const bad = INVALID.exec(key);
  if (!bad) return;
  const code = (bad[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
  throw new RunraError(
    'INVALID_API_KEY',
    `The API key from ${source} (${masked(key)}) holds U+${code}${/\s/.test(bad[0]) ? ' (whitespace)' : ''} at position ${bad.index + 1}: keys are printable ASCII without spaces.`,
  );
}
