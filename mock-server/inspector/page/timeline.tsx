import type { SandboxRow, TimelineEventKind } from '../wire.js';
import { clockTime, duration } from './format.js';

/** How many lanes are drawn: the newest sandboxes that pass the filters. */
export const MAX_LANES = 60;

type State = SandboxRow['state'];
interface Segment {
  from: number;
  to: number;
  state: State;
}
interface Mark {
  at: number;
  kind: TimelineEventKind;
  /** A deadline still ahead: drawn hollow. */
  ahead?: boolean;
}

const STATE_AFTER: Record<TimelineEventKind, State | undefined> = {
  created: 'creating',
  started: 'running',
  resumed: 'running',
  activity: undefined,
  paused: 'paused',
  'auto-paused': 'paused',
  terminated: 'terminated',
  expired: 'terminated',
};

/** The marks drawn on a lane (the start is the lane's own beginning, not a mark). */
const MARKED: ReadonlySet<TimelineEventKind> = new Set([
  'paused',
  'auto-paused',
  'resumed',
  'activity',
  'terminated',
  'expired',
]);

const MARK_TEXT: Record<TimelineEventKind, string> = {
  created: 'created',
  started: 'started',
  paused: 'paused',
  'auto-paused': 'auto-paused (idle)',
  resumed: 'resumed',
  activity: 'activity',
  terminated: 'terminated',
  expired: 'expired (lifetime)',
};

/** The lane's states across time, from its history; the current one runs to `now`. */
export function segmentsOf(row: SandboxRow, now: number): Segment[] {
  const out: Segment[] = [];
  let state: State = 'creating';
  let since = row.createdAt;
  for (const event of row.events) {
    const next = STATE_AFTER[event.kind];
    if (next === undefined || next === state) continue;
    if (event.at > since) out.push({ from: since, to: event.at, state });
    state = next;
    since = event.at;
  }
  if (now > since) out.push({ from: since, to: now, state });
  return out;
}

/** What the lane will do next by itself, if anything: auto-pause, boot end or expiry. */
function deadlineAhead(row: SandboxRow, now: number): Mark | undefined {
  if (row.state === 'terminated') return undefined;
  const candidates: Mark[] = [{ at: row.lifetimeEnd, kind: 'expired', ahead: true }];
  if (row.idleDeadline !== undefined)
    candidates.push({ at: row.idleDeadline, kind: 'auto-paused', ahead: true });
  if (row.bootEndsAt !== undefined) candidates.push({ at: row.bootEndsAt, kind: 'started', ahead: true });
  const next = candidates.filter((mark) => mark.at >= now).sort((a, b) => a.at - b.at)[0];
  return next;
}

const STEPS = [
  1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
  7_200_000, 21_600_000, 43_200_000, 86_400_000,
];

/** The window drawn: from the first creation to a little after now (up to the next deadline). */
function windowOf(rows: SandboxRow[], now: number): { start: number; end: number } {
  const start = Math.min(now, ...rows.map((row) => row.createdAt));
  const past = Math.max(now - start, 60_000);
  const next = Math.min(...rows.map((row) => deadlineAhead(row, now)?.at ?? Number.POSITIVE_INFINITY));
  const ahead = Math.min(Math.max(next - now + past * 0.04, past * 0.25), past);
  return { start, end: now + ahead };
}

function ticksOf(start: number, end: number): number[] {
  const step = STEPS.find((s) => (end - start) / s <= 8) ?? 86_400_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return ticks;
}

/** A marker: a small CSS shape (faded when it is a deadline ahead). */
function Marker({ mark, left }: { mark: Mark; left: string }) {
  return (
    <span
      class={`mark mark-${mark.kind}${mark.ahead ? ' ahead' : ''}`}
      style={{ left }}
      title={`${mark.ahead ? 'will be ' : ''}${MARK_TEXT[mark.kind]} at ${clockTime(mark.at)}`}
    />
  );
}

/** The sentence a screen reader hears for a lane. */
function laneSummary(row: SandboxRow, now: number): string {
  const story = row.events.map((event) => `${MARK_TEXT[event.kind]} at ${clockTime(event.at)}`).join(', ');
  const next = deadlineAhead(row, now);
  const ahead = next ? `; next: ${MARK_TEXT[next.kind]} at ${clockTime(next.at)}` : '';
  return `${row.id}, ${row.state}: ${story}${ahead}`;
}

/** The legend: what each colour and mark means. */
function Legend() {
  const states: State[] = ['creating', 'running', 'paused', 'terminated'];
  const marks: [TimelineEventKind, string][] = [
    ['paused', 'pause'],
    ['resumed', 'resume'],
    ['auto-paused', 'idle auto-pause'],
    ['expired', 'expiry'],
    ['terminated', 'terminate'],
    ['activity', 'activity'],
  ];
  return (
    <ul class="legend" aria-label="Legend">
      {states.map((state) => (
        <li key={state}>
          <span class={`swatch state-${state}`} aria-hidden="true" /> {state}
        </li>
      ))}
      {marks.map(([kind, text]) => (
        <li key={kind}>
          <span class="mark-box" aria-hidden="true">
            <span class={`mark mark-${kind}`} style={{ left: '50%' }} />
          </span>{' '}
          {text}
        </li>
      ))}
      <li>
        <span class="mark-box" aria-hidden="true">
          <span class="mark mark-auto-paused ahead" style={{ left: '50%' }} />
        </span>{' '}
        faded: a deadline ahead
      </li>
    </ul>
  );
}

/** The timeline: one lane per sandbox across mock time, coloured by state, events marked. */
export function Timeline(props: {
  rows: SandboxRow[];
  total: number;
  now: number;
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { now } = props;
  if (props.rows.length === 0) {
    return (
      <p class="empty">{props.total === 0 ? 'No sandboxes yet.' : 'No sandbox matches these filters.'}</p>
    );
  }
  const rows = props.rows.slice(0, MAX_LANES).reverse(); // oldest on top, newest below
  const { start, end } = windowOf(rows, now);
  const pct = (t: number) =>
    `${(((Math.min(Math.max(t, start), end) - start) / (end - start)) * 100).toFixed(3)}%`;
  const width = (from: number, to: number) =>
    `${((Math.max(0, Math.min(to, end) - Math.max(from, start)) / (end - start)) * 100).toFixed(3)}%`;
  return (
    <div class="timeline" data-testid="timeline">
      <Legend />
      <p class="muted small">
        {props.rows.length > MAX_LANES
          ? `The newest ${MAX_LANES} of ${props.rows.length} sandboxes (filter to see others). `
          : ''}
        From {clockTime(start)} to {clockTime(end)} ({duration(end - start)}); the dashed line is now,{' '}
        {clockTime(now)}.
      </p>
      <div class="lanes">
        <div class="lane axis" aria-hidden="true">
          <span class="lane-label" />
          <div class="track">
            {ticksOf(start, end).map((t) => (
              <span key={t} class="tick" style={{ left: pct(t) }}>
                {clockTime(t)}
              </span>
            ))}
            <span class="tick now-tick" style={{ left: pct(now) }}>
              now
            </span>
          </div>
        </div>
        <ul class="lane-list">
          {rows.map((row) => {
            const next = deadlineAhead(row, now);
            const marks: Mark[] = row.events.filter((event) => MARKED.has(event.kind));
            return (
              <li
                key={row.id}
                class={`lane${row.id === props.selected ? ' selected' : ''}`}
                data-lane={row.id}
              >
                <button
                  type="button"
                  class="lane-label"
                  aria-pressed={row.id === props.selected}
                  onClick={() => props.onSelect(row.id)}
                >
                  <span class="mono">{row.id}</span>
                  <span class="muted small">
                    {row.image} · {row.key}
                  </span>
                </button>
                <div class="track" role="img" aria-label={laneSummary(row, now)}>
                  {segmentsOf(row, now).map((segment) => (
                    <span
                      key={segment.from}
                      class={`seg state-${segment.state}`}
                      data-state={segment.state}
                      style={{ left: pct(segment.from), width: width(segment.from, segment.to) }}
                    />
                  ))}
                  {next && next.at > now ? (
                    <span
                      class={`seg ahead state-${row.state}`}
                      style={{ left: pct(now), width: width(now, next.at) }}
                    />
                  ) : null}
                  {marks.map((mark, index) => (
                    <Marker key={`${mark.at}-${index}`} mark={mark} left={pct(mark.at)} />
                  ))}
                  {next && next.at <= end ? <Marker mark={next} left={pct(next.at)} /> : null}
                  <span class="now-line" style={{ left: pct(now) }} />
                </div>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
