/**
 * The format of `generated/contract.ts`: the contract's zod schemas reduced to plain data
 * by `scripts/generate-validators.ts`, read by `check.ts`. Keys are one letter because
 * the descriptors ship in the browser bundle (docs/decisions/0100).
 *
 * A message `m` is the schema's own; when absent, `check.ts` writes one from the rule and
 * the value refused (docs/decisions/0105).
 */

/** A rule checked after the type test, in the schema's order. */
export type Check =
  /** Length at least / at most `n` (code points for a string, items for an array). */
  | { k: 'min' | 'max'; n: number; m?: string }
  /** `z.int()`: a safe integer. */
  | { k: 'int'; m?: string }
  /** A number bound: `>= n`, `<= n`. */
  | { k: 'gte' | 'lte'; n: number; m?: string }
  /** The string matches `r` (never a `g` or `y` regex). */
  | { k: 're'; r: RegExp; m?: string }
  /** The string starts with `s`. */
  | { k: 'pre'; s: string; m?: string }
  /** A record holds at most `n` keys (the metadata refine, read from its `params.maxKeys`). */
  | { k: 'keys'; n: number; m?: string };

/** A JSON value a literal or enum accepts. */
export type Literal = string | number | boolean | null;

/** One schema. `m` is the schema's own message for a value of the wrong type, `c` its checks. */
export type Node =
  /** string, number (finite), boolean, unknown. */
  | { t: 's' | 'n' | 'b' | 'u'; m?: string; c?: readonly Check[] }
  /** One of the values `v` (a literal, an enum, or a union of literals: other unions are refused). */
  | { t: 'l'; v: readonly Literal[]; m?: string; c?: readonly Check[] }
  /** An object with the fields `p`; `x: 1` refuses unknown keys (strict), else they pass. */
  | { t: 'o'; p: { readonly [key: string]: Node }; x?: 1; m?: string; c?: readonly Check[] }
  /** A plain object whose keys match `k` and values `v`. */
  | { t: 'r'; k: Node; v: Node; m?: string; c?: readonly Check[] }
  /** An array of `i`. */
  | { t: 'a'; i: Node; m?: string; c?: readonly Check[] }
  /** `i`, or `undefined`. */
  | { t: '?'; i: Node };
