/**
 * A fresh `Idempotency-Key`: a random UUID v4. `crypto.randomUUID` is missing in insecure
 * browser contexts (plain http), so the UUID is built from `getRandomValues` there: each
 * `0`, `1` or `8` of the template becomes a random hex digit (the `4` is the version, the
 * `8` keeps the variant bits `10`).
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const random = crypto.getRandomValues(new Uint8Array(31));
  let at = 0;
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) =>
    (Number(digit) ^ ((random[at++] as number) & (15 >> (Number(digit) / 4)))).toString(16),
  );
}
