import { useEffect, useState } from 'preact/hooks';
import type { SandboxDetail, SandboxRow, TimelineEventKind } from '../wire.js';
import { getJson } from './control.js';
import { clockTime, relative } from './format.js';
import { Code, StateBadge } from './ui.js';

/** How many rows a page of the table shows before "Show more". */
export const PAGE_ROWS = 200;

const EVENT_TEXT: Record<TimelineEventKind, string> = {
  created: 'created',
  started: 'running (boot done)',
  paused: 'paused',
  'auto-paused': 'auto-paused (idle timeout)',
  resumed: 'resumed',
  activity: 'activity (idle timer reset)',
  terminated: 'terminated',
  expired: 'expired (lifetime ended)',
};

/** When it auto-pauses, relative to now; or why it will not. */
export function idleText(row: SandboxRow, now: number): string {
  if (row.idleDeadline !== undefined) return relative(row.idleDeadline, now);
  if (row.state === 'running' && row.idleTimeoutMs === 0) return 'never (idle timer off)';
  if (row.state === 'paused') return 'not while paused';
  if (row.state === 'creating') return 'counts from boot end';
  return '—';
}

/** When its lifetime ends, relative to now (or when it ended). */
export function lifetimeText(row: SandboxRow, now: number): string {
  if (row.state === 'terminated')
    return row.terminatedAt === undefined ? '—' : `ended ${clockTime(row.terminatedAt)}`;
  return relative(row.lifetimeEnd, now);
}

const metadataText = (metadata: Record<string, string>) =>
  Object.entries(metadata)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** The table of sandboxes. */
export function SandboxTable(props: {
  rows: SandboxRow[];
  total: number;
  now: number;
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const [shown, setShown] = useState(PAGE_ROWS);
  const { rows, now } = props;
  if (props.total === 0) {
    return (
      <p class="empty">
        No sandboxes yet. Create one through the API (<code>POST /v1/sandboxes</code>) and it appears here.
      </p>
    );
  }
  if (rows.length === 0) return <p class="empty">No sandbox matches these filters.</p>;
  return (
    <div class="table-wrap">
      <table class="grid" data-testid="sandbox-table">
        <caption class="visually-hidden">
          Sandboxes, newest first: {rows.length} of {props.total}
        </caption>
        <thead>
          <tr>
            <th scope="col">Sandbox</th>
            <th scope="col">State</th>
            <th scope="col">API key</th>
            <th scope="col">Image</th>
            <th scope="col">Resources</th>
            <th scope="col">Metadata</th>
            <th scope="col">Auto-pause</th>
            <th scope="col">Lifetime ends</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((row) => (
            <tr key={row.id} class={row.id === props.selected ? 'selected' : ''} data-sandbox={row.id}>
              <th scope="row">
                <button
                  type="button"
                  class="row-button mono"
                  aria-pressed={row.id === props.selected}
                  onClick={() => props.onSelect(row.id)}
                >
                  {row.id}
                </button>
              </th>
              <td>
                <StateBadge state={row.state} />
              </td>
              <td class="mono nowrap">{row.key}</td>
              <td class="mono">{row.image}</td>
              <td class="nowrap">
                {row.resources.cpu} vCPU · {row.resources.memoryMb / 1024} GiB
              </td>
              <td class="meta">{metadataText(row.metadata)}</td>
              <td class="nowrap" data-testid="idle-cell">
                {idleText(row, now)}
              </td>
              <td class="nowrap">{lifetimeText(row, now)}</td>
              <td class="nowrap mono">{clockTime(row.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown ? (
        <button type="button" class="more" onClick={() => setShown(shown + PAGE_ROWS)}>
          Show {Math.min(PAGE_ROWS, rows.length - shown)} more of {rows.length - shown}
        </button>
      ) : null}
    </div>
  );
}

/** One sandbox's whole record: timers, history, and what the API shows. */
export function SandboxPanel(props: {
  row: SandboxRow | undefined;
  id: string;
  now: number;
  onClose: () => void;
}) {
  const { row, now } = props;
  const [detail, setDetail] = useState<SandboxDetail>();
  const [error, setError] = useState<string>();
  const changeKey = row ? `${row.state}:${row.events.length}` : 'gone';
  // Fetched again when the row changes (changeKey).
  useEffect(() => {
    let live = true;
    if (changeKey === 'gone') return; // nothing to ask for: the mock no longer holds it
    void getJson<SandboxDetail>(`/_mock/ui/sandboxes/${encodeURIComponent(props.id)}`).then((result) => {
      if (!live) return;
      if (result.ok) {
        setDetail(result.value);
        setError(undefined);
      } else setError(result.message);
    });
    return () => {
      live = false;
    };
  }, [props.id, changeKey]);
  return (
    <aside class="detail" aria-labelledby="sandbox-detail-title" data-testid="sandbox-detail">
      <div class="section-head">
        <h2 id="sandbox-detail-title" class="mono">
          {props.id}
        </h2>
        <button type="button" class="link" onClick={props.onClose}>
          Close
        </button>
      </div>
      {row === undefined ? (
        <p class="empty">The mock no longer holds this sandbox.</p>
      ) : (
        <>
          <dl class="facts">
            <dt>State</dt>
            <dd>
              <StateBadge state={row.state} />
            </dd>
            <dt>API key</dt>
            <dd class="mono">{row.key}</dd>
            <dt>Auto-pause</dt>
            <dd>
              {row.idleDeadline === undefined
                ? idleText(row, now)
                : `${clockTime(row.idleDeadline)} (${idleText(row, now)})`}
              <span class="muted"> · idle timeout {row.idleTimeoutMs / 1000}s</span>
            </dd>
            <dt>Lifetime ends</dt>
            <dd>
              {clockTime(row.lifetimeEnd)} ({relative(row.lifetimeEnd, now)})
              <span class="muted"> · timeout {row.timeoutMs / 1000}s</span>
            </dd>
            {row.bootEndsAt === undefined ? null : (
              <>
                <dt>Boot ends</dt>
                <dd>
                  {clockTime(row.bootEndsAt)} ({relative(row.bootEndsAt, now)})
                </dd>
              </>
            )}
          </dl>
          <h3>History</h3>
          <ol class="history">
            {row.events.map((event, index) => (
              <li key={`${event.at}-${index}`}>
                <span class="mono">{clockTime(event.at, true)}</span>{' '}
                <span class={`ev ev-${event.kind}`}>{EVENT_TEXT[event.kind]}</span>
              </li>
            ))}
          </ol>
          <h3>Record</h3>
          {error ? <p class="notice bad">{error}</p> : null}
          {detail ? (
            <Code label="The sandbox as the API shows it" text={JSON.stringify(detail.sandbox, null, 2)} />
          ) : null}
        </>
      )}
    </aside>
  );
}
