import type { ComponentChildren } from 'preact';

/** A sandbox state as a labelled, coloured badge (the colour is never the only cue). */
export function StateBadge({ state }: { state: string }) {
  return <span class={`badge state-${state}`}>{state}</span>;
}

/** A status line read out by screen readers: what the last action did. */
export function Notice({ notice }: { notice: { ok: boolean; text: string } | undefined }) {
  return (
    <p class={`notice ${notice ? (notice.ok ? 'ok' : 'bad') : ''}`} role="status" aria-live="polite">
      {notice?.text ?? ''}
    </p>
  );
}

/** A titled section of a panel. */
export function Section(props: {
  title: string;
  id?: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section class="section" aria-labelledby={props.id}>
      <div class="section-head">
        <h2 id={props.id}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

/** JSON (or any text) in a scrollable block, reachable from the keyboard, named for screen readers. */
export function Code({ text, label }: { text: string; label: string }) {
  return (
    <section aria-label={label}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard */}
      <pre class="code" tabIndex={0}>
        {text}
      </pre>
    </section>
  );
}
