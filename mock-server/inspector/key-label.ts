import { redactKey } from '../http/auth.js';

/**
 * How the inspector names an API key: masked, as the journal does (`sk_…a1b2`), so the
 * page never holds a raw key and its key filter matches the journal's. The one place a
 * key becomes a label: change it here to change it everywhere.
 *
 * @example
 * ```ts
 * keyLabel('sk_test_0123456789a1b2'); // 'sk_…a1b2'
 * ```
 */
export function keyLabel(apiKey: string): string {
  return redactKey(apiKey);
}
