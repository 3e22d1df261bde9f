import type { SandboxRecord } from '../machine/types.js';

/** How many characters of an owner id (`sha256:` + hex) name an owner whose key is not known. */
const OWNER_SHOWN = 15;

/**
 * How the inspector names the API key of a sandbox: masked, as the journal does
 * (`sk_…a1b2`), so the page never holds a raw key and its key filter matches the journal's.
 * The machine keeps only an owner id and that mask (decision 0207); a sandbox loaded from a
 * snapshot without a mask shows the start of its owner id. The one place a key becomes a
 * label: change it here to change it everywhere.
 *
 * @example
 * ```ts
 * keyLabel({ apiKey: apiKeyOwner('sk_test_0123456789a1b2'), keyLabel: 'sk_…a1b2' }); // 'sk_…a1b2'
 * ```
 */
export function keyLabel(record: Pick<SandboxRecord, 'apiKey' | 'keyLabel'>): string {
  return record.keyLabel ?? `${record.apiKey.slice(0, OWNER_SHOWN)}…`;
}
