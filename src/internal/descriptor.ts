/**
 * The format of `generated/contract.ts`: the contract's zod schemas reduced to plain data
 * by `scripts/generate-validators.ts`, read by `check.ts`. Keys are one letter because
 * the descriptors ship in the browser bundle (docs/decisions/0100).
 *
 * A message `m` that is absent is zod's default (`INVALID_INPUT` in the generated module).
 */

/** A rule zod runs after the type test, in zod's order. */
export type Check =
  /** Length at least / at most `n` (code points for a string); runs even after a type error. */
  | { k: 'min' | 'max'; n: number; m?: string }
  /** `z.int()`: an integer (else aborts every later check), and a safe one. */
  | { k: 'int'; m?: string }
  /** A number bound: `>= n`, `> n`, `<= n`, `< n`. */
  | { k: 'gte' | 'gt' | 'lte' | 'lt'; n: number; m?: string }
  /** The string matches `r` (never a `g` or `y` regex). */
  | { k: 're'; r: RegExp; m?: string }
  /** The string starts with `s`. */
  | { k: 'pre'; s: string; m?: string }
  /** A record holds at most `n` keys (the metadata refine, read from its `params.maxKeys`). */
  | { k: 'keys'; n: number; m?: string };

/** A JSON value a literal or enum accepts. */
export type Literal = string | number | boolean | null;

/** One schema. `m` is the schema's own message, `c` its checks. */
export type Node =
  /** string, number (finite), boolean, unknown. */
  | { t: 's' | 'n' | 'b' | 'u'; m?: string; c?: readonly Check[] }
  /** One of the values `v` (a literal or an enum). */
  | { t: 'l'; v: readonly Literal[]; m?: string; c?: readonly Check[] }
  /** An object with the fields `p`; `x: 1` refuses unknown keys (strict), else they pass. */
  | { t: 'o'; p: { readonly [key: string]: Node }; x?: 1; m?: string; c?: readonly Check[] }
  /** A plain object whose keys match `k` and values `v`. */
  | { t: 'r'; k: Node; v: Node; m?: string; c?: readonly Check[] }
  /** An array of `i`. */
  | { t: 'a'; i: Node; m?: string; c?: readonly Check[] }
  /** `i`, or `undefined`. */
  | { t: '?'; i: Node }
  /** The first of the options `o` that accepts the value. */
  | { t: '|'; o: readonly Node[]; m?: string; c?: readonly Check[] };

/** A string map of a create body, as `validateCreateParams` checks its own `__proto__` key. */
export interface MapRule {
  /** The field name, e.g. `metadata`. */
  name: string;
  /** Key and value rules. */
  k: Node;
  v: Node;
  /** At most this many keys, with message `m` (absent: no limit). */
  max?: number;
  m?: string;
}

/** Everything `validateCreateParams` checks. */
export interface CreateRules {
  /** The body schema. */
  body: Node;
  /** Strict objects (`''` is the body) where an own `__proto__` key is an unknown field. */
  strict: readonly string[];
  /** The string maps. */
  maps: readonly MapRule[];
}
