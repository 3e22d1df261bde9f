import type { SandboxRow } from '../wire.js';

/** The sandbox filters, shared by the Sandboxes and Timeline tabs. */
export interface SandboxFilter {
  key: string;
  state: string;
  image: string;
  /** `team=a, user=b` (a bare name: the key is present). */
  metadata: string;
  id: string;
}

export const NO_FILTER: SandboxFilter = { key: '', state: '', image: '', metadata: '', id: '' };

const STATES = ['creating', 'running', 'paused', 'terminated'];

/** `team=a, user` → [['team', 'a'], ['user', undefined]]. */
function metadataPairs(text: string): [string, string | undefined][] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.indexOf('=');
      return at === -1 ? [part, undefined] : [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    });
}

/** The rows that pass the filter, newest first. */
export function filterRows(rows: Iterable<SandboxRow>, filter: SandboxFilter): SandboxRow[] {
  const pairs = metadataPairs(filter.metadata);
  const id = filter.id.trim().toLowerCase();
  const out: SandboxRow[] = [];
  for (const row of rows) {
    if (filter.key && row.key !== filter.key) continue;
    if (filter.state && row.state !== filter.state) continue;
    if (filter.image && row.image !== filter.image) continue;
    if (id && !row.id.includes(id)) continue;
    if (
      !pairs.every(([k, v]) => Object.hasOwn(row.metadata, k) && (v === undefined || row.metadata[k] === v))
    ) {
      continue;
    }
    out.push(row);
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
}

const distinct = (rows: Iterable<SandboxRow>, pick: (row: SandboxRow) => string) =>
  [...new Set([...rows].map(pick))].sort();

/** The filter bar. */
export function Filters(props: {
  rows: Map<string, SandboxRow>;
  filter: SandboxFilter;
  onChange: (filter: SandboxFilter) => void;
  idPrefix: string;
}) {
  const { filter, onChange, idPrefix } = props;
  const rows = [...props.rows.values()];
  const set = (field: keyof SandboxFilter) => (event: Event) =>
    onChange({ ...filter, [field]: (event.target as HTMLInputElement | HTMLSelectElement).value });
  const select = (field: 'key' | 'state' | 'image', label: string, options: string[]) => (
    <div class="field">
      <label for={`${idPrefix}-${field}`}>{label}</label>
      <select id={`${idPrefix}-${field}`} value={filter[field]} onChange={set(field)}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
  const active = Object.values(filter).some((value) => value !== '');
  return (
    <form class="filters" aria-label="Filter sandboxes" onSubmit={(e) => e.preventDefault()}>
      {select(
        'key',
        'API key',
        distinct(rows, (row) => row.key),
      )}
      {select('state', 'State', STATES)}
      {select(
        'image',
        'Image',
        distinct(rows, (row) => row.image),
      )}
      <div class="field">
        <label for={`${idPrefix}-metadata`}>Metadata</label>
        <input
          id={`${idPrefix}-metadata`}
          value={filter.metadata}
          placeholder="team=a, user"
          onInput={set('metadata')}
        />
      </div>
      <div class="field">
        <label for={`${idPrefix}-id`}>Id contains</label>
        <input id={`${idPrefix}-id`} class="short" value={filter.id} placeholder="sb_…" onInput={set('id')} />
      </div>
      {active ? (
        <button type="button" class="link" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
