import type { SandboxRecord } from '../machine/types.js';
import type { TimelineEvent, TimelineEventKind } from './wire.js';

/** How many events one sandbox keeps: its first (created) and the latest ones. */
export const MAX_EVENTS_PER_SANDBOX = 64;

type Record_ = Readonly<SandboxRecord>;

/** The instants of a record the inspector compares to tell what happened. */
interface Seen {
  startedAt: number | undefined;
  pausedAt: number | undefined;
  resumedAt: number | undefined;
  terminatedAt: number | undefined;
  lastActivityAt: number | undefined;
}

const seenOf = (record: Record_): Seen => ({
  startedAt: record.startedAt,
  pausedAt: record.pausedAt,
  resumedAt: record.resumedAt,
  terminatedAt: record.terminatedAt,
  lastActivityAt: record.lastActivityAt,
});

/** A pause at the idle deadline of the activity before it is the idle timer's. */
const pauseKind = (record: Record_, activityBefore: number | undefined): TimelineEventKind =>
  record.idleTimeoutMs > 0 &&
  activityBefore !== undefined &&
  record.pausedAt === activityBefore + record.idleTimeoutMs
    ? 'auto-paused'
    : 'paused';

/** An end at the lifetime's end is the lifetime timer's (a command at that instant comes after it). */
const endKind = (record: Record_): TimelineEventKind =>
  record.terminatedAt === record.createdAt + record.timeoutMs ? 'expired' : 'terminated';

/**
 * What happened between two sightings of a record. `activityBefore` is the last activity
 * before a new pause (the one its idle deadline counts from).
 */
function changes(before: Seen, record: Record_, activityBefore = before.lastActivityAt): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const { startedAt, pausedAt, resumedAt, terminatedAt, lastActivityAt } = record;
  if (startedAt !== undefined && startedAt !== before.startedAt)
    events.push({ at: startedAt, kind: 'started' });
  if (pausedAt !== undefined && pausedAt !== before.pausedAt) {
    events.push({ at: pausedAt, kind: pauseKind(record, activityBefore) });
  }
  if (resumedAt !== undefined && resumedAt !== before.resumedAt)
    events.push({ at: resumedAt, kind: 'resumed' });
  if (
    lastActivityAt !== undefined &&
    lastActivityAt !== before.lastActivityAt &&
    lastActivityAt !== startedAt &&
    lastActivityAt !== resumedAt
  ) {
    events.push({ at: lastActivityAt, kind: 'activity' });
  }
  if (terminatedAt !== undefined && terminatedAt !== before.terminatedAt) {
    events.push({ at: terminatedAt, kind: endKind(record) });
  }
  // Stable: events of one instant keep the order above (start, pause, resume, end).
  return events.sort((a, b) => a.at - b.at);
}

const UNSEEN: Seen = {
  startedAt: undefined,
  pausedAt: undefined,
  resumedAt: undefined,
  terminatedAt: undefined,
  lastActivityAt: undefined,
};

/**
 * A record met for the first time: created now, or loaded from a snapshot. Its story is then
 * read from its timestamps, which keep only the latest pause and resume; a pause is the idle
 * timer's when it falls at the idle deadline of the activity the record still holds.
 */
function firstSighting(record: Record_): TimelineEvent[] {
  const { pausedAt, lastActivityAt } = record;
  const activityBefore =
    pausedAt !== undefined && lastActivityAt !== undefined && lastActivityAt <= pausedAt
      ? lastActivityAt
      : undefined;
  return [{ at: record.createdAt, kind: 'created' }, ...changes(UNSEEN, record, activityBefore)];
}

/**
 * The story of every sandbox, told by the machine's observer as it happens: what changed
 * since the record was last seen becomes events (pause or idle auto-pause, expiry or
 * terminate, ...). Kept per record object, so a sandbox the machine forgets is forgotten here.
 */
export class Histories {
  readonly #tracks = new WeakMap<Record_, { seen: Seen; events: TimelineEvent[] }>();

  /** Notes what happened to `record` since it was last seen. */
  note(record: Record_): void {
    const track = this.#tracks.get(record);
    if (track === undefined) {
      this.#tracks.set(record, { seen: seenOf(record), events: firstSighting(record) });
      return;
    }
    const events = changes(track.seen, record);
    track.seen = seenOf(record);
    if (events.length === 0) return;
    track.events.push(...events);
    const excess = track.events.length - MAX_EVENTS_PER_SANDBOX;
    if (excess > 0) track.events.splice(1, excess);
  }

  /** The events of a record, oldest first (read from its timestamps if never seen). */
  events(record: Record_): readonly TimelineEvent[] {
    const track = this.#tracks.get(record);
    if (track !== undefined) return track.events;
    this.note(record);
    return this.#tracks.get(record)?.events ?? [];
  }
}
