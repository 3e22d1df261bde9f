import { useState } from 'preact/hooks';
import { loadState, resetMock } from './control.js';
import type { Model } from './feed.js';
import { Notice, Section } from './ui.js';

/** Reset, download a snapshot, load one. */
export function StateView({ model }: { model: Model }) {
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const [file, setFile] = useState<File>();
  const counts = new Map<string, number>();
  for (const row of model.sandboxes.values()) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
  const reset = async () => {
    setConfirming(false);
    const result = await resetMock();
    setNotice(result.ok ? { ok: true, text: 'The mock was reset' } : { ok: false, text: result.message });
  };
  const load = async (event: Event) => {
    event.preventDefault();
    if (!file) return setNotice({ ok: false, text: 'Choose a snapshot file first' });
    let snapshot: unknown;
    try {
      snapshot = JSON.parse(await file.text());
    } catch (error) {
      return setNotice({ ok: false, text: `${file.name} is not JSON: ${(error as Error).message}` });
    }
    const result = await loadState(snapshot);
    if (result.ok) return setNotice({ ok: true, text: `Loaded ${file.name}` });
    const issues = (result.issues ?? []) as { path?: string; message?: string }[];
    const more = issues
      .slice(0, 3)
      .map((issue) => `${issue.path ? `${issue.path}: ` : ''}${issue.message ?? ''}`)
      .join('; ');
    setNotice({
      ok: false,
      text: `${result.message}${more && !result.message.includes(more) ? ` (${more})` : ''}`,
    });
  };
  const stamp = new Date(model.clock.nowMs || Date.now()).toISOString().replace(/[:.]/g, '-');
  return (
    <div class="columns">
      <Section title="What the mock holds" id="state-title">
        <dl class="facts">
          <dt>Sandboxes</dt>
          <dd>
            {model.sandboxes.size}
            {counts.size > 0 ? ` (${[...counts].map(([state, n]) => `${n} ${state}`).join(', ')})` : ''}
          </dd>
          <dt>Requests in the journal</dt>
          <dd>{model.requests.length}</dd>
          <dt>Faults</dt>
          <dd>{model.faults.length}</dd>
          <dt>Clock</dt>
          <dd>{model.clock.kind}</dd>
        </dl>
      </Section>
      <Section title="Snapshots" id="snapshot-title">
        <p>
          <a class="button" href="/_mock/state" download={`runra-mock-state-${stamp}.json`}>
            Download a snapshot
          </a>
        </p>
        <form class="row" onSubmit={(event) => void load(event)}>
          <div class="field grow">
            <label for="state-file">Load a snapshot (replaces every sandbox)</label>
            <input
              id="state-file"
              type="file"
              accept="application/json,.json"
              onChange={(event) => setFile((event.target as HTMLInputElement).files?.[0])}
            />
          </div>
          <div>
            <button type="submit">Load</button>
          </div>
        </form>
      </Section>
      <Section title="Reset" id="reset-title">
        <p class="muted">
          Back to the state right after start: sandboxes, journal and faults cleared, id sequences and a
          manual clock restarted.
        </p>
        {confirming ? (
          <p class="row">
            <button type="button" class="danger" onClick={() => void reset()}>
              Yes, reset the mock
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </p>
        ) : (
          <p>
            <button type="button" class="danger" onClick={() => setConfirming(true)}>
              Reset…
            </button>
          </p>
        )}
      </Section>
      <Notice notice={notice} />
    </div>
  );
}
