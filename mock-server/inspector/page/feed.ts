import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { FaultInfo } from '../../http/faults.js';
import type {
  ClockView,
  InspectorDelta,
  InspectorSnapshot,
  RequestSummary,
  SandboxRow,
  UsageView,
} from '../wire.js';

/** The most journal entries the page keeps (the journal's own capacity). */
export const MAX_REQUESTS = 1000;

/** What the page knows of the mock, kept up to date by the live feed. */
export interface Model {
  status: 'connecting' | 'live' | 'reconnecting';
  clock: ClockView;
  /** `performance.now()` when the clock was received: a system clock is extrapolated from it. */
  clockAt: number;
  usage: UsageView;
  sandboxes: Map<string, SandboxRow>;
  faults: FaultInfo[];
  /** Oldest first. */
  requests: RequestSummary[];
  /** Bumped on every change (cheap memo key). */
  version: number;
}

export const emptyModel = (): Model => ({
  status: 'connecting',
  clock: { kind: 'manual', nowMs: 0 },
  clockAt: 0,
  usage: { usedCpu: 0, capacityCpu: null },
  sandboxes: new Map(),
  faults: [],
  requests: [],
  version: 0,
});

/** The mock's time now: a system clock runs on between messages, others only jump. */
export function mockNow(model: Model): number {
  if (model.clock.kind !== 'system') return model.clock.nowMs;
  return model.clock.nowMs + Math.round(performance.now() - model.clockAt);
}

export function applySnapshot(model: Model, snapshot: InspectorSnapshot): void {
  model.clock = snapshot.clock;
  model.clockAt = performance.now();
  model.usage = snapshot.usage;
  model.sandboxes = new Map(snapshot.sandboxes.map((row) => [row.id, row]));
  model.faults = snapshot.faults;
  model.requests = snapshot.requests.slice(-MAX_REQUESTS);
  model.version++;
}

export function applyDelta(model: Model, delta: InspectorDelta): void {
  if (delta.clock) {
    model.clock = delta.clock;
    model.clockAt = performance.now();
  }
  if (delta.usage) model.usage = delta.usage;
  for (const row of delta.sandboxes ?? []) model.sandboxes.set(row.id, row);
  for (const id of delta.removed ?? []) model.sandboxes.delete(id);
  if (delta.faults) model.faults = delta.faults;
  if (delta.requestsReset) model.requests = [];
  if (delta.requests) {
    const merged = model.requests.concat(delta.requests);
    model.requests = merged.length > MAX_REQUESTS ? merged.slice(-MAX_REQUESTS) : merged;
  }
  model.version++;
}

/**
 * Connects to `/_mock/ui/events` and keeps a model up to date; re-renders on every message
 * (the server sends at most four a second). The browser reconnects by itself; the server
 * then starts again with a snapshot.
 */
export function useFeed(): Model {
  const model = useRef<Model>(emptyModel());
  const [, render] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const read = (event: Event) => JSON.parse((event as MessageEvent<string>).data) as unknown;
    const connect = () => {
      source = new EventSource('/_mock/ui/events');
      source.addEventListener('snapshot', (event) => {
        applySnapshot(model.current, read(event) as InspectorSnapshot);
        model.current.status = 'live';
        render(0);
      });
      source.addEventListener('delta', (event) => {
        applyDelta(model.current, read(event) as InspectorDelta);
        render(0);
      });
      source.addEventListener('error', () => {
        model.current.status = 'reconnecting';
        render(0);
        // A refused stream is not retried by the browser: try again in a while.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(connect, 2000);
        }
      });
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, []);
  return model.current;
}

/** Re-renders every `ms` (relative times, a running system clock). */
export function useTick(ms: number): void {
  const [, render] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const timer = setInterval(() => render(0), ms);
    return () => clearInterval(timer);
  }, [ms]);
}
