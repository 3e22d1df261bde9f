import { useEffect, useState } from 'preact/hooks';
import type { JournalBody } from '../../http/journal-body.js';
import type { Finding, RequestDetail, RequestSummary } from '../wire.js';
import { clearJournal, getJson } from './control.js';
import { prettyJson } from './format.js';
import { Code, Notice } from './ui.js';

const PAGE_ROWS = 200;

/** The request filters. */
interface RequestFilter {
  status: string;
  path: string;
  method: string;
}

const STATUS_FILTERS: [string, string, (r: RequestSummary) => boolean][] = [
  ['', 'All', () => true],
  ['2xx', '2xx', (r) => r.status !== null && r.status < 300],
  ['4xx', '4xx', (r) => r.status !== null && r.status >= 400 && r.status < 500],
  ['5xx', '5xx', (r) => r.status !== null && r.status >= 500],
  [
    'errors',
    'Errors (4xx, 5xx, dropped)',
    (r) => r.status === null || r.status >= 400 || r.dropped !== undefined,
  ],
  ['faults', 'Faults fired', (r) => r.fault !== undefined],
  ['findings', 'With findings', (r) => r.findings !== undefined],
];
const statusTest = new Map(STATUS_FILTERS.map(([value, , test]) => [value, test]));

function statusClass(r: RequestSummary): string {
  if (r.status === null) return 'st-drop';
  if (r.status >= 500) return 'st-5xx';
  if (r.status >= 400) return 'st-4xx';
  return 'st-2xx';
}

function BodyBlock({ title, body }: { title: string; body: JournalBody | undefined }) {
  return (
    <>
      <h3>
        {title}
        {body?.truncatedFrom === undefined ? null : (
          <span class="pill warn">
            cut: first {body.text.length.toLocaleString('en-US')} of{' '}
            {body.truncatedFrom.toLocaleString('en-US')} characters
          </span>
        )}
      </h3>
      {body === undefined ? (
        <p class="muted">No body.</p>
      ) : (
        <Code label={title} text={prettyJson(body.text)} />
      )}
    </>
  );
}

function Findings({ findings }: { findings: Finding[] }) {
  return (
    <>
      <h3>
        Findings <span class="pill warn">{findings.length}</span>
      </h3>
      <ul class="findings">
        {findings.map((finding, index) => (
          <li key={index}>
            <span class="pill">{finding.kind}</span> {finding.path ? <code>{finding.path}</code> : null}{' '}
            {finding.message}
            {finding.expected !== undefined || finding.actual !== undefined ? (
              <div class="muted small">
                expected <code>{JSON.stringify(finding.expected)}</code>, got{' '}
                <code>{JSON.stringify(finding.actual)}</code>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/** One request: its summary, bodies and findings. */
function RequestPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const [detail, setDetail] = useState<RequestDetail>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    setDetail(undefined);
    void getJson<RequestDetail>(`/_mock/ui/requests/${encodeURIComponent(id)}`).then((result) => {
      if (!live) return;
      if (result.ok) setDetail(result.value);
      else setError(result.message);
    });
    return () => {
      live = false;
    };
  }, [id]);
  const findings = Array.isArray(detail?.findings) ? detail.findings : [];
  return (
    <aside class="detail" aria-labelledby="request-detail-title" data-testid="request-detail">
      <div class="section-head">
        <h2 id="request-detail-title" class="mono">
          {id}
        </h2>
        <button type="button" class="link" onClick={onClose}>
          Close
        </button>
      </div>
      {error ? <p class="notice bad">{error}</p> : null}
      {detail ? (
        <>
          <p class="mono request-line">
            {detail.method} {detail.path} → {detail.status ?? 'dropped'}
          </p>
          <dl class="facts">
            <dt>Mock time</dt>
            <dd class="mono">{detail.time}</dd>
            <dt>API key</dt>
            <dd class="mono">{detail.apiKey ?? 'none'}</dd>
            <dt>Took</dt>
            <dd>{detail.durationMs} ms</dd>
            {detail.fault ? (
              <>
                <dt>Fault</dt>
                <dd class="mono">
                  {detail.fault}
                  {detail.dropped ? ` (connection dropped ${detail.dropped} the mock acted)` : ''}
                </dd>
              </>
            ) : null}
          </dl>
          {findings.length > 0 ? <Findings findings={findings} /> : null}
          <BodyBlock title="Request body" body={detail.requestBody} />
          <BodyBlock title="Response body" body={detail.responseBody} />
        </>
      ) : null}
    </aside>
  );
}

/** The journal, live, newest first. */
export function Requests({ requests }: { requests: RequestSummary[] }) {
  const [filter, setFilter] = useState<RequestFilter>({ status: '', path: '', method: '' });
  const [selected, setSelected] = useState<string>();
  const [shown, setShown] = useState(PAGE_ROWS);
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const test = statusTest.get(filter.status) ?? (() => true);
  const path = filter.path.trim();
  const rows = requests
    .filter(
      (r) => test(r) && (!path || r.path.includes(path)) && (!filter.method || r.method === filter.method),
    )
    .reverse();
  const methods = [...new Set(requests.map((r) => r.method))].sort();
  const set = (field: keyof RequestFilter) => (event: Event) =>
    setFilter({ ...filter, [field]: (event.target as HTMLInputElement).value });
  const clear = async () => {
    const result = await clearJournal();
    setSelected(undefined);
    setNotice(result.ok ? { ok: true, text: 'Cleared the journal' } : { ok: false, text: result.message });
  };
  return (
    <div class={`split${selected ? ' with-detail' : ''}`}>
      <div class="main-col">
        <form class="filters" aria-label="Filter requests" onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="rq-status">Status</label>
            <select id="rq-status" value={filter.status} onChange={set('status')}>
              {STATUS_FILTERS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="rq-method">Method</label>
            <select id="rq-method" value={filter.method} onChange={set('method')}>
              <option value="">All</option>
              {methods.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="rq-path">Path contains</label>
            <input id="rq-path" value={filter.path} placeholder="/v1/sandboxes" onInput={set('path')} />
          </div>
          <button type="button" class="danger" onClick={() => void clear()} disabled={requests.length === 0}>
            Clear journal
          </button>
        </form>
        <Notice notice={notice} />
        <p class="muted small">
          {rows.length} of {requests.length} requests, newest first. Control routes (<code>/_mock/…</code>)
          are not journaled.
        </p>
        {rows.length === 0 ? (
          <p class="empty">
            {requests.length === 0 ? 'No requests yet.' : 'No request matches these filters.'}
          </p>
        ) : (
          <div class="table-wrap">
            <table class="grid" data-testid="request-table">
              <caption class="visually-hidden">Requests, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Method</th>
                  <th scope="col">Path</th>
                  <th scope="col">Status</th>
                  <th scope="col">Error code</th>
                  <th scope="col">ms</th>
                  <th scope="col">Request id</th>
                  <th scope="col">API key</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, shown).map((r) => (
                  <tr
                    key={r.requestId}
                    class={r.requestId === selected ? 'selected' : ''}
                    data-request={r.requestId}
                  >
                    <th scope="row">
                      <button
                        type="button"
                        class="row-button mono"
                        aria-pressed={r.requestId === selected}
                        aria-label={`${r.method} ${r.path} ${r.status ?? 'dropped'}, at ${r.time.slice(11, 23)}`}
                        onClick={() => setSelected(r.requestId)}
                      >
                        {r.time.slice(11, 23)}
                      </button>
                    </th>
                    <td class="mono">{r.method}</td>
                    <td class="mono path">{r.path}</td>
                    <td>
                      <span class={`badge ${statusClass(r)}`}>{r.status ?? 'dropped'}</span>
                    </td>
                    <td class="mono small">{r.code ?? ''}</td>
                    <td class="num">{r.durationMs.toFixed(1)}</td>
                    <td class="mono small">{r.requestId}</td>
                    <td class="mono small">{r.key ?? '—'}</td>
                    <td class="small">
                      {r.fault ? <span class="pill warn">{r.fault}</span> : null}
                      {r.dropped ? <span class="pill warn">dropped {r.dropped}</span> : null}
                      {r.findings ? <span class="pill bad">{r.findings} findings</span> : null}
                    </td>
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
        )}
      </div>
      {selected ? <RequestPanel id={selected} onClose={() => setSelected(undefined)} /> : null}
    </div>
  );
}
