import type { JournalEntry } from '../http/journal.js';
import { toSandbox } from '../machine/present.js';
import { idleDeadline, lifetimeEnd } from '../machine/timers.js';
import type { SandboxRecord } from '../machine/types.js';
import type { Histories } from './history.js';
import { keyLabel } from './key-label.js';
import type { RequestSummary, SandboxDetail, SandboxRow } from './wire.js';

type Record_ = Readonly<SandboxRecord>;

/** A sandbox as the page lists and draws it. */
export function sandboxRow(record: Record_, histories: Histories): SandboxRow {
  const row: SandboxRow = {
    id: record.id,
    key: keyLabel(record),
    state: record.state,
    image: record.image,
    resources: { ...record.resources },
    metadata: { ...record.metadata },
    createdAt: record.createdAt,
    lifetimeEnd: lifetimeEnd(record),
    idleTimeoutMs: record.idleTimeoutMs,
    timeoutMs: record.timeoutMs,
    events: [...histories.events(record)],
  };
  if (record.startedAt !== undefined) row.startedAt = record.startedAt;
  if (record.pausedAt !== undefined) row.pausedAt = record.pausedAt;
  if (record.resumedAt !== undefined) row.resumedAt = record.resumedAt;
  if (record.terminatedAt !== undefined) row.terminatedAt = record.terminatedAt;
  if (record.state === 'creating') row.bootEndsAt = record.bootEndsAt;
  const idle = idleDeadline(record);
  if (idle !== undefined) row.idleDeadline = idle;
  return row;
}

/** The whole record of one sandbox: what the API shows, plus the row (masked key, timers, history). */
export function sandboxDetail(record: Record_, histories: Histories): SandboxDetail {
  const detail: SandboxDetail = { sandbox: { ...toSandbox(record) }, row: sandboxRow(record, histories) };
  if (record.lastActivityAt !== undefined) detail.lastActivityAt = record.lastActivityAt;
  return detail;
}

/** The code of an error envelope (`{"error":{"code":"…"`), read from the head of the text. */
const ENVELOPE_CODE = /^\s*\{\s*"error"\s*:\s*\{\s*"code"\s*:\s*"([A-Za-z0-9_]{1,64})"/;

/** How many findings a verifying proxy attached to an entry. */
function findingsCount(entry: JournalEntry): number | undefined {
  const { findings } = entry;
  return Array.isArray(findings) && findings.length > 0 ? findings.length : undefined;
}

/** A journal entry as the request list shows it: no bodies. */
export function requestSummary(entry: JournalEntry): RequestSummary {
  const summary: RequestSummary = {
    requestId: entry.requestId,
    time: entry.time,
    method: entry.method,
    path: entry.path,
    status: entry.status,
    durationMs: entry.durationMs,
    key: entry.apiKey,
  };
  const text = entry.responseBody?.text;
  if (entry.status !== null && entry.status >= 400 && text !== undefined) {
    const code = ENVELOPE_CODE.exec(text.slice(0, 200))?.[1];
    if (code !== undefined) summary.code = code;
  }
  if (entry.fault !== undefined) summary.fault = entry.fault;
  if (entry.dropped !== undefined) summary.dropped = entry.dropped;
  const findings = findingsCount(entry);
  if (findings !== undefined) summary.findings = findings;
  return summary;
}
