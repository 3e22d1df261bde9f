import type { MockApi } from '../api.js';
import type { JournalEntry } from '../http/journal.js';
import type { SandboxRecord } from '../machine/types.js';
import { EventClient } from './event-client.js';
import { Histories } from './history.js';
import { requestSummary, sandboxRow } from './views.js';
import type { ClockView, InspectorDelta, InspectorSnapshot, UsageView } from './wire.js';

/** How often pending changes are sent, in real ms: bursts of changes become one message. */
export const FLUSH_MS = 250;
/** How often an idle stream gets a comment line, in real ms (keeps proxies and the page sure it lives). */
export const HEARTBEAT_MS = 15_000;
/** How often the ids the pages know are checked against the machine's, in real ms. */
export const RECONCILE_MS = 2_000;
/** How often a clock moving by itself (the system clock) is re-sent when nothing else changes, in real ms. */
export const CLOCK_RESEND_MS = 5_000;
/** The most journal entries one message carries; more at once replace the page's list with the latest. */
export const REQUESTS_PER_MESSAGE = 200;

type Record_ = Readonly<SandboxRecord>;

/** The parts of a mock the hub reads. */
export type HubSource = Pick<MockApi, 'machine' | 'clock' | 'faults' | 'journal'>;

const encoder = new TextEncoder();
const message = (event: string, data: unknown): Uint8Array =>
  encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
/** Sent first: the page reconnects after 1 s if the stream breaks. */
const OPENING = encoder.encode('retry: 1000\n\n');
const HEARTBEAT = encoder.encode(': heartbeat\n\n');

/**
 * The inspector's live feed: every page connected to `/_mock/ui/events` gets a snapshot,
 * then, at most every {@link FLUSH_MS}, one delta with what changed (sandboxes, clock,
 * usage, faults, new journal entries). The machine's observer marks changed sandboxes; the
 * rest is compared on each flush. Timers run only while a page is connected.
 */
export class InspectorHub {
  readonly histories = new Histories();
  readonly #source: HubSource;
  readonly #clients = new Set<EventClient>();
  readonly #dirty = new Set<Record_>();
  #replaced = false;
  /** What the pages were last told. */
  #knownIds = new Set<string>();
  #clock = '';
  #clockSentAt = 0;
  #usage = '';
  #faults = '';
  #lastEntry: JournalEntry | undefined;
  #reconciledAt = 0;
  #heartbeatAt = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #stopObserving: () => void;

  constructor(source: HubSource) {
    this.#source = source;
    this.#stopObserving = source.machine.observe({
      changed: (record) => {
        this.histories.note(record);
        if (this.#clients.size > 0) this.#dirty.add(record);
      },
      replaced: () => {
        this.#dirty.clear();
        this.#replaced = true;
      },
    });
    // Sandboxes that existed before: their story is read from their timestamps.
    for (const record of source.machine.records()) this.histories.note(record);
  }

  /** How many pages are connected. */
  get clients(): number {
    return this.#clients.size;
  }

  /** A new page's stream: it starts with a snapshot. */
  connect(): ReadableStream<Uint8Array> {
    this.flush(); // the pages already here hear what changed before the new one's snapshot
    const client = new EventClient((gone) => this.#drop(gone));
    this.#clients.add(client);
    this.#heartbeatAt = Date.now();
    client.send(OPENING);
    client.send(message('snapshot', this.#snapshot()));
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.flush(), FLUSH_MS);
      // Never keeps a process alive by itself (Node, Deno and Bun timers).
      (this.#timer as { unref?: () => void }).unref?.();
    }
    return client.stream;
  }

  /**
   * Sends pending changes: a delta to the pages that are up to date, a snapshot to those that
   * fell behind and have room again (and to all after a reset or import), a heartbeat when
   * nothing was sent for {@link HEARTBEAT_MS}.
   */
  flush(): void {
    if (this.#clients.size === 0) return;
    const wallNow = Date.now();
    let sent = false;
    if (this.#replaced) {
      this.#replaced = false;
      const bytes = message('snapshot', this.#snapshot());
      for (const client of this.#clients) {
        client.behind = !client.send(bytes);
      }
      sent = true;
    } else {
      const delta = this.#delta(wallNow);
      const deltaBytes = delta === undefined ? undefined : message('delta', delta);
      let snapshotBytes: Uint8Array | undefined;
      for (const client of this.#clients) {
        if (client.behind) {
          if (!client.hasRoom()) continue;
          snapshotBytes ??= message('snapshot', this.#snapshot());
          client.behind = !client.send(snapshotBytes);
        } else if (deltaBytes !== undefined) {
          client.send(deltaBytes);
        }
      }
      sent = deltaBytes !== undefined || snapshotBytes !== undefined;
    }
    if (sent) this.#heartbeatAt = wallNow;
    else if (wallNow - this.#heartbeatAt >= HEARTBEAT_MS) {
      this.#heartbeatAt = wallNow;
      for (const client of this.#clients) if (!client.behind) client.send(HEARTBEAT);
    }
  }

  /** Ends every stream and stops observing the machine. */
  close(): void {
    for (const client of this.#clients) client.close();
    this.#clients.clear();
    this.#stopTimer();
    this.#stopObserving();
  }

  #drop(client: EventClient): void {
    this.#clients.delete(client);
    if (this.#clients.size === 0) {
      this.#stopTimer();
      this.#dirty.clear();
    }
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #clockView(): ClockView {
    return { kind: this.#source.clock.kind, nowMs: this.#source.clock.now() };
  }

  #usageView(): UsageView {
    const { usedCpu, capacityCpu } = this.#source.machine.usage();
    return { usedCpu, capacityCpu: Number.isFinite(capacityCpu) ? capacityCpu : null };
  }

  /** The whole picture; what the pages know is reset to it. */
  #snapshot(): InspectorSnapshot {
    const usage = this.#usageView(); // settles timers first
    this.#dirty.clear();
    const sandboxes = [];
    for (const record of this.#source.machine.records()) sandboxes.push(sandboxRow(record, this.histories));
    this.#knownIds = new Set(sandboxes.map((row) => row.id));
    const clock = this.#clockView();
    const faults = this.#source.faults.list();
    const entries = this.#source.journal.entries();
    this.#clock = JSON.stringify(clock);
    this.#clockSentAt = Date.now();
    this.#usage = JSON.stringify(usage);
    this.#faults = JSON.stringify(faults);
    this.#lastEntry = entries.at(-1);
    this.#reconciledAt = Date.now();
    return { clock, usage, sandboxes, faults, requests: entries.map(requestSummary) };
  }

  /** What changed since the pages were last told, or `undefined` when nothing did. */
  #delta(wallNow: number): InspectorDelta | undefined {
    const delta: InspectorDelta = {};
    const usage = this.#usageView(); // settles timers: the observer hears what fired
    const usageText = JSON.stringify(usage);
    if (usageText !== this.#usage) {
      this.#usage = usageText;
      delta.usage = usage;
    }
    if (this.#dirty.size > 0) {
      delta.sandboxes = [...this.#dirty].map((record) => sandboxRow(record, this.histories));
      for (const row of delta.sandboxes) this.#knownIds.add(row.id);
      this.#dirty.clear();
    }
    if (wallNow - this.#reconciledAt >= RECONCILE_MS) {
      this.#reconciledAt = wallNow;
      const removed = this.#forgotten();
      if (removed.length > 0) delta.removed = removed;
    }
    const faults = this.#source.faults.list();
    const faultsText = JSON.stringify(faults);
    if (faultsText !== this.#faults) {
      this.#faults = faultsText;
      delta.faults = faults;
    }
    this.#requests(delta);
    const clock = this.#clockView();
    const clockText = JSON.stringify(clock);
    const changed = Object.keys(delta).length > 0;
    // A clock that moves by itself is extrapolated by the page; a jump is sent at once.
    const jumps = clock.kind !== 'system';
    if (clockText !== this.#clock && (jumps || changed || wallNow - this.#clockSentAt >= CLOCK_RESEND_MS)) {
      this.#clock = clockText;
      this.#clockSentAt = wallNow;
      delta.clock = clock;
    }
    return Object.keys(delta).length > 0 ? delta : undefined;
  }

  /** Ids the pages know that the machine no longer holds (it forgot some without a reset). */
  #forgotten(): string[] {
    const present = new Set<string>();
    for (const record of this.#source.machine.records()) present.add(record.id);
    if (present.size === this.#knownIds.size) return [];
    const removed = [...this.#knownIds].filter((id) => !present.has(id));
    for (const id of removed) this.#knownIds.delete(id);
    return removed;
  }

  /** New journal entries since the last message. */
  #requests(delta: InspectorDelta): void {
    const entries = this.#source.journal.entries();
    const last = entries.at(-1);
    if (last === this.#lastEntry) return;
    const seenAt = this.#lastEntry === undefined ? -1 : entries.lastIndexOf(this.#lastEntry);
    const known = this.#lastEntry === undefined || seenAt !== -1;
    this.#lastEntry = last;
    const fresh = entries.slice(seenAt + 1);
    if (!known || fresh.length > REQUESTS_PER_MESSAGE) {
      delta.requestsReset = true;
      delta.requests = entries.slice(-REQUESTS_PER_MESSAGE).map(requestSummary);
      return;
    }
    delta.requests = fresh.map(requestSummary);
  }
}
