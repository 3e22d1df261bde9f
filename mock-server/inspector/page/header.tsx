import { useState } from 'preact/hooks';
import { advanceClock } from './control.js';
import { type Model, mockNow } from './feed.js';
import { duration, fullTime, parseDuration } from './format.js';
import { Notice } from './ui.js';

const STEPS = [
  { label: '+1 s', ms: 1000 },
  { label: '+1 min', ms: 60_000 },
  { label: '+5 min', ms: 300_000 },
] as const;

const STATUS_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' } as const;

/** The mock's clock, with buttons to move a manual one. */
function Clock({ model }: { model: Model }) {
  const [custom, setCustom] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const manual = model.clock.kind === 'manual';
  const advance = async (ms: number) => {
    const result = await advanceClock(ms);
    setNotice(
      result.ok ? { ok: true, text: `Moved the clock ${duration(ms)}` } : { ok: false, text: result.message },
    );
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const ms = parseDuration(custom);
    if (ms === undefined) {
      setNotice({ ok: false, text: `"${custom}" is not a duration: try 90s, 2m, 1h30m or 250ms` });
      return;
    }
    void advance(ms);
  };
  return (
    <section class="clock" aria-labelledby="clock-label">
      <div class="clock-now">
        <span id="clock-label" class="muted">
          Mock time <span class={`pill kind-${model.clock.kind}`}>{model.clock.kind} clock</span>
        </span>
        <time class="now" data-testid="mock-now">
          {model.status === 'connecting' ? '—' : fullTime(mockNow(model))}
        </time>
      </div>
      {manual ? (
        <form class="clock-controls" onSubmit={submit}>
          {STEPS.map((step) => (
            <button key={step.ms} type="button" onClick={() => void advance(step.ms)}>
              {step.label}
            </button>
          ))}
          <label class="visually-hidden" for="custom-advance">
            Custom amount to move the clock (e.g. 90s, 2m, 1h30m)
          </label>
          <input
            id="custom-advance"
            class="short"
            value={custom}
            placeholder="e.g. 90s"
            onInput={(event) => setCustom((event.target as HTMLInputElement).value)}
          />
          <button type="submit">Advance</button>
        </form>
      ) : (
        <p class="muted clock-controls">
          {model.clock.kind === 'system' ? 'Runs in real time' : 'A custom clock'}: start the mock with a
          manual clock (--manual-clock) to move it from here.
        </p>
      )}
      <Notice notice={notice} />
    </section>
  );
}

/** The top bar: title, live status, the clock, compute in use. */
export function Header({ model }: { model: Model }) {
  const { usedCpu, capacityCpu } = model.usage;
  return (
    <header class="top">
      <div class="brand">
        <h1>runra mock</h1>
        <span
          class={`live status-${model.status}`}
          role="status"
          aria-live="polite"
          data-testid="feed-status"
        >
          {STATUS_TEXT[model.status]}
        </span>
      </div>
      <Clock model={model} />
      <p class="usage">
        <span class="muted">vCPU in use</span>{' '}
        <strong>
          {usedCpu}
          {capacityCpu === null ? '' : ` / ${capacityCpu}`}
        </strong>
        {capacityCpu === null ? <span class="muted"> (no cap)</span> : null}
      </p>
    </header>
  );
}
