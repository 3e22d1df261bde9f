const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same
 * sequence on every runtime, so ids and fault fractions are reproducible.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(42);
 * random.next(); // a float in [0, 1), always the same for seed 42
 * random.string(8); // e.g. 'k3x9a0qz'
 * ```
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** `length` characters of `[a-z0-9]`. */
  string(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(this.next() * ALPHABET.length)];
    return out;
  }
}

/** Length of the random part of a sandbox id (`sb_` + 17 characters). */
export const SANDBOX_ID_RANDOM_LENGTH = 17;
/** Length of the random part of a request id (`req_` + 8 characters). */
export const REQUEST_ID_RANDOM_LENGTH = 8;

/** A request id as sent in `X-Request-Id`: `req_` + 8 characters of `[a-z0-9]`. */
export const REQUEST_ID_PATTERN = new RegExp(`^req_[a-z0-9]{${REQUEST_ID_RANDOM_LENGTH}}$`);

/** A sandbox id: `sb_` + 17 characters of `[a-z0-9]`. */
export const newSandboxId = (random: SeededRandom): string => `sb_${random.string(SANDBOX_ID_RANDOM_LENGTH)}`;

/** A request id: `req_` + 8 characters of `[a-z0-9]`. */
export const newRequestId = (random: SeededRandom): string =>
  `req_${random.string(REQUEST_ID_RANDOM_LENGTH)}`;
