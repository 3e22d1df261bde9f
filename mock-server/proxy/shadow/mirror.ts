import type { SnapshotSandbox } from '../../machine/snapshot.js';

/**
 * What the proxy knows of one sandbox: its state in the machine's snapshot form (owner =
 * the tenant id, never a key) and the upstream instant it was last known to be in it.
 */
export interface MirrorEntry {
  sandbox: SnapshotSandbox;
  /** A lower bound of the upstream's clock when this state was observed (epoch ms). */
  seenAt: number;
  /** Its state is not known any more (a lost answer, a divergence): learnt again from the next full answer. */
  stale: boolean;
  /** Still `creating`, with a boot time the upstream has not revealed yet. */
  bootUnknown: boolean;
}

/** A first response the upstream may replay for an `Idempotency-Key`. */
export interface MirroredIdempotency {
  /** The reference's fingerprint of the first request (method, route, canonical body). */
  fingerprint: string;
  /** The upstream's first answer body. */
  response: unknown;
  /** The upstream instant it was stored. */
  storedAt: number;
}

/** One API key's sandboxes and stored responses, under its tenant id. */
export class Tenant {
  readonly id: string;
  readonly sandboxes = new Map<string, MirrorEntry>();
  readonly idempotency = new Map<string, MirroredIdempotency>();
  /** Lower bounds of the first attempt of POSTs that got no answer, by `Idempotency-Key`. */
  readonly unanswered = new Map<string, number>();
  /** Every sandbox this key owns is in `sandboxes` (the upstream is known to have started empty). */
  complete: boolean;

  constructor(id: string, complete: boolean) {
    this.id = id;
    this.complete = complete;
  }
}

/**
 * How much the mirror holds before it forgets the oldest: a proxy left in front of a busy
 * staging API must not grow without end. Forgetting only makes checks weaker (a forgotten
 * sandbox is "not predicted"), never wrong.
 */
export const MIRROR_LIMITS = { sandboxes: 10_000, tenants: 1_000, idempotencyPerTenant: 1_000 } as const;

/**
 * The upstream as the proxy has seen it: every tenant's sandboxes in the reference
 * machine's snapshot form, and `floor`, the latest upstream instant an answer has shown
 * (the upstream's clock is never earlier). Plain data: the predictions are the machine's.
 *
 * @example
 * ```ts
 * const mirror = new Mirror();
 * mirror.reset(); // the upstream owns nothing: every tenant starts complete
 * const tenant = mirror.tenant('t_5d1f…');
 * mirror.set(tenant, { sandbox, seenAt: Date.parse(sandbox.createdAt), stale: false, bootUnknown: false });
 * ```
 */
export class Mirror {
  #tenants = new Map<string, Tenant>();
  /** Sandbox id → tenant id, across tenants (tenancy checks). */
  #owners = new Map<string, string>();
  /** Whether a tenant seen for the first time owns nothing yet (after a reset of the upstream). */
  #startsEmpty = false;
  #floor: number | undefined;

  /** The latest upstream instant seen, if any. */
  get floor(): number | undefined {
    return this.#floor;
  }

  /** Moves `floor` forward to `instant` (never back). */
  raiseFloor(instant: number): void {
    if (Number.isFinite(instant) && (this.#floor === undefined || instant > this.#floor))
      this.#floor = instant;
  }

  /** The tenant with this id, made on first use (and kept as the most recent). */
  tenant(id: string): Tenant {
    let tenant = this.#tenants.get(id);
    if (tenant === undefined) {
      tenant = new Tenant(id, this.#startsEmpty);
      if (this.#tenants.size >= MIRROR_LIMITS.tenants) this.#evictTenant();
    } else {
      this.#tenants.delete(id);
    }
    this.#tenants.set(id, tenant);
    return tenant;
  }

  /** The tenant owning a sandbox id, if the mirror knows it. */
  ownerOf(sandboxId: string): string | undefined {
    return this.#owners.get(sandboxId);
  }

  /** The entry of a sandbox owned by another tenant than `tenantId`. */
  foreignEntry(tenantId: string, sandboxId: string): MirrorEntry | undefined {
    const owner = this.#owners.get(sandboxId);
    if (owner === undefined || owner === tenantId) return undefined;
    return this.#tenants.get(owner)?.sandboxes.get(sandboxId);
  }

  /** Stores a sandbox's entry (the most recent at the end, for eviction). */
  set(tenant: Tenant, entry: MirrorEntry): void {
    const id = entry.sandbox.id;
    const owner = this.#owners.get(id);
    if (owner !== undefined && owner !== tenant.id) this.#tenants.get(owner)?.sandboxes.delete(id);
    tenant.sandboxes.delete(id);
    tenant.sandboxes.set(id, entry);
    this.#owners.delete(id);
    this.#owners.set(id, tenant.id);
    if (this.#owners.size > MIRROR_LIMITS.sandboxes) this.#evictSandbox();
  }

  /** Marks a sandbox's state as unknown (it stays known to exist). */
  markStale(tenant: Tenant, sandboxId: string): void {
    const entry = tenant.sandboxes.get(sandboxId);
    if (entry !== undefined) entry.stale = true;
  }

  /** Keeps a stored first response, forgetting the tenant's oldest beyond the limit. */
  remember(tenant: Tenant, key: string, stored: MirroredIdempotency): void {
    tenant.idempotency.delete(key);
    tenant.idempotency.set(key, stored);
    if (tenant.idempotency.size > MIRROR_LIMITS.idempotencyPerTenant) {
      const oldest = tenant.idempotency.keys().next().value;
      if (oldest !== undefined) tenant.idempotency.delete(oldest);
    }
  }

  /** How many sandboxes the mirror holds, across tenants. */
  get size(): number {
    return this.#owners.size;
  }

  /** Tenant ids, for inspection (digests, never keys). */
  tenantIds(): string[] {
    return [...this.#tenants.keys()];
  }

  /**
   * Forgets everything: the upstream was reset, so from now on a tenant seen for the first
   * time owns nothing yet (its lists and unknown ids can be predicted).
   */
  reset(): void {
    this.#tenants.clear();
    this.#owners.clear();
    this.#floor = undefined;
    this.#startsEmpty = true;
  }

  #evictSandbox(): void {
    const [id, owner] = this.#owners.entries().next().value as [string, string];
    this.#owners.delete(id);
    const tenant = this.#tenants.get(owner);
    tenant?.sandboxes.delete(id);
    if (tenant) tenant.complete = false;
  }

  #evictTenant(): void {
    const oldest = this.#tenants.values().next().value;
    if (oldest === undefined) return;
    this.#tenants.delete(oldest.id);
    for (const id of oldest.sandboxes.keys()) this.#owners.delete(id);
    // A tenant forgotten and seen again may own sandboxes the mirror no longer knows.
    this.#startsEmpty = false;
  }
}
