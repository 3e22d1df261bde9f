/**
 * What the inspector's server sends its page: the types of the server-sent events and of
 * the detail routes. Types only: the page (mock-server/inspector/page) imports them too.
 */
import type { KnownSandboxState } from '../../src/schemas/index.js';
import type { FaultInfo } from '../http/faults.js';

export type { Finding } from '../http/finding.js';

import type { JournalEntry } from '../http/journal.js';

/** What happened to a sandbox, and when (epoch ms on the mock's clock). */
export type TimelineEventKind =
  | 'created'
  | 'started'
  | 'paused'
  | 'auto-paused'
  | 'resumed'
  | 'activity'
  | 'terminated'
  | 'expired';

/** One moment of a sandbox's life, as the inspector saw it happen (or read it from a snapshot). */
export interface TimelineEvent {
  at: number;
  kind: TimelineEventKind;
}

/** One sandbox as the page lists and draws it. Instants are epoch ms on the mock's clock. */
export interface SandboxRow {
  id: string;
  /** Its API key, masked (see `keyLabel`). */
  key: string;
  state: KnownSandboxState;
  image: string;
  resources: { cpu: number; memoryMb: number; diskMb: number };
  metadata: Record<string, string>;
  createdAt: number;
  startedAt?: number;
  pausedAt?: number;
  resumedAt?: number;
  terminatedAt?: number;
  /** When `creating` ends, while creating. */
  bootEndsAt?: number;
  /** When it will auto-pause for idleness, while running with an idle timeout. */
  idleDeadline?: number;
  /** When its lifetime ends (`createdAt + timeoutMs`). */
  lifetimeEnd: number;
  idleTimeoutMs: number;
  timeoutMs: number;
  /** Its history, oldest first (bounded: the first event and the latest ones). */
  events: TimelineEvent[];
}

/** The mock's clock. */
export interface ClockView {
  kind: 'system' | 'manual' | 'custom';
  nowMs: number;
}

/** Compute in use (creating and running sandboxes) and the capacity (null: unlimited). */
export interface UsageView {
  usedCpu: number;
  capacityCpu: number | null;
}

/** One journal entry as the list shows it: no bodies (fetch `/_mock/ui/requests/:id`). */
export interface RequestSummary {
  requestId: string;
  time: string;
  method: string;
  path: string;
  status: number | null;
  /** The error code of an error envelope answered, if any. */
  code?: string;
  durationMs: number;
  /** The API key, masked, or null. */
  key: string | null;
  fault?: string;
  dropped?: 'before' | 'after';
  /** How many findings a verifying proxy attached to the entry, when it did. */
  findings?: number;
}

/** The whole picture: sent when the page connects, after a reset or import, and to a page that fell behind. */
export interface InspectorSnapshot {
  clock: ClockView;
  usage: UsageView;
  sandboxes: SandboxRow[];
  faults: FaultInfo[];
  /** The journal's latest entries, oldest first. */
  requests: RequestSummary[];
}

/** What changed since the last message; absent fields did not change. */
export interface InspectorDelta {
  clock?: ClockView;
  usage?: UsageView;
  /** Sandboxes created or changed (whole rows). */
  sandboxes?: SandboxRow[];
  /** Ids of sandboxes the mock no longer holds. */
  removed?: string[];
  /** The whole fault list, when it changed. */
  faults?: FaultInfo[];
  /** New journal entries, oldest first. */
  requests?: RequestSummary[];
  /** The page's list is stale (the journal was cleared, or too many came at once): `requests` replaces it. */
  requestsReset?: true;
}

/** `GET /_mock/ui/requests/:id`: the entry with its bodies (and findings, when a proxy added them). */
export type RequestDetail = JournalEntry;

/** `GET /_mock/ui/sandboxes/:id`: the whole record, its key masked. */
export interface SandboxDetail {
  /** The sandbox as the API shows it. */
  sandbox: Record<string, unknown>;
  row: SandboxRow;
  /** Its last activity (boot, resume, execution), epoch ms. */
  lastActivityAt?: number;
}
