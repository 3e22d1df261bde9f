import { InvalidRequestError } from './errors.js';

/**
 * Headers as a plain object; a value of `undefined` removes a header set earlier.
 * Names are case-insensitive: `authorization` and `Authorization` are one header.
 *
 * @example
 * ```ts
 * const headers: HeadersRecord = { 'X-Team': 'platform', 'User-Agent': undefined };
 * ```
 */
export type HeadersRecord = Record<string, string | undefined>;

/** RFC 9110's token: what a header name may hold. */
const NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What `Headers` accepts in a value: no NUL, CR, LF, nothing past U+00FF. */
const VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The one place headers are merged (docs/decisions/0107): each layer in turn, later ones
 * winning, names compared without case and sent in lower case, `undefined` removing. The
 * client merges its `defaultHeaders` then its own (`Accept`, `Authorization`,
 * `User-Agent`) once; each call adds its own (`Content-Type`, `Idempotency-Key`) then the
 * caller's `headers`. A name or value fetch cannot send is refused here, naming the
 * header and never quoting the value (it may be a key).
 *
 * @throws {InvalidRequestError} a header name or value that HTTP cannot carry
 */
export function mergeHeaders(...layers: (HeadersRecord | undefined)[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const layer of layers) {
    for (const name in layer) {
      const value = layer[name];
      const key = name.toLowerCase();
      if (value === undefined) {
        delete merged[key];
        continue;
      }
      if (!NAME.test(name) || !VALUE.test(value)) {
        throw new InvalidRequestError({
          code: 'INVALID_REQUEST',
          message: `the header ${JSON.stringify(name.slice(0, 64))} cannot be sent: a line break, a NUL or a character beyond U+00FF in its value, or a name that is not an HTTP token`,
        });
      }
      merged[key] = value;
    }
  }
  return merged;
}
