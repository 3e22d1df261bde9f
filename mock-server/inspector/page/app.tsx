import { useEffect, useState } from 'preact/hooks';
import { Faults } from './faults.js';
import { type Model, mockNow, useFeed, useTick } from './feed.js';
import { Filters, filterRows, NO_FILTER, type SandboxFilter } from './filters.js';
import { Header } from './header.js';
import { Requests } from './requests.js';
import { SandboxPanel, SandboxTable } from './sandboxes.js';
import { StateView } from './state-view.js';
import { Timeline } from './timeline.js';

const TABS = [
  { id: 'sandboxes', label: 'Sandboxes' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'requests', label: 'Requests' },
  { id: 'faults', label: 'Faults' },
  { id: 'state', label: 'State' },
] as const;
type TabId = (typeof TABS)[number]['id'];

const tabFromHash = (): TabId => {
  const hash = location.hash.slice(1);
  return TABS.find((tab) => tab.id === hash)?.id ?? 'sandboxes';
};

/** Tabs as the ARIA pattern has them: arrows, Home and End move between them. */
function TabBar({ tab, model, onChange }: { tab: TabId; model: Model; onChange: (tab: TabId) => void }) {
  const count: Partial<Record<TabId, number>> = {
    sandboxes: model.sandboxes.size,
    requests: model.requests.length,
    faults: model.faults.length,
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = TABS.findIndex((t) => t.id === tab);
    const to =
      event.key === 'ArrowRight'
        ? (at + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : -1;
    if (to === -1) return;
    event.preventDefault();
    const next = TABS[to]!.id;
    onChange(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label="Inspector views" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.id}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={t.id === tab}
          aria-controls={`panel-${t.id}`}
          tabIndex={t.id === tab ? 0 : -1}
          onClick={() => onChange(t.id)}
        >
          {t.label}
          {count[t.id] === undefined ? null : <span class="count">{count[t.id]}</span>}
        </button>
      ))}
    </div>
  );
}

/** The inspector page. */
export function App() {
  const model = useFeed();
  useTick(1000);
  const [tab, setTab] = useState<TabId>(tabFromHash);
  const [filter, setFilter] = useState<SandboxFilter>(NO_FILTER);
  const [selected, setSelected] = useState<string>();
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const choose = (next: TabId) => {
    setTab(next);
    history.replaceState(null, '', `#${next}`);
  };
  const now = mockNow(model);
  const rows = tab === 'sandboxes' || tab === 'timeline' ? filterRows(model.sandboxes.values(), filter) : [];
  const select = (id: string) => setSelected(selected === id ? undefined : id);
  const sandboxView = (body: preact.ComponentChildren) => (
    <div class={`split${selected ? ' with-detail' : ''}`}>
      <div class="main-col">
        <Filters rows={model.sandboxes} filter={filter} onChange={setFilter} idPrefix={`${tab}-filter`} />
        {body}
      </div>
      {selected ? (
        <SandboxPanel
          id={selected}
          row={model.sandboxes.get(selected)}
          now={now}
          onClose={() => setSelected(undefined)}
        />
      ) : null}
    </div>
  );
  // The two views of the sandboxes share their filters, selection and detail panel.
  const SandboxList = tab === 'sandboxes' ? SandboxTable : tab === 'timeline' ? Timeline : undefined;
  return (
    <>
      <a class="skip" href="#panel">
        Skip to content
      </a>
      <Header model={model} />
      <nav aria-label="Views">
        <TabBar tab={tab} model={model} onChange={choose} />
      </nav>
      <main id="panel">
        <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} class="panel">
          {SandboxList
            ? sandboxView(
                <SandboxList
                  rows={rows}
                  total={model.sandboxes.size}
                  now={now}
                  selected={selected}
                  onSelect={select}
                />,
              )
            : null}
          {tab === 'requests' ? <Requests requests={model.requests} /> : null}
          {tab === 'faults' ? <Faults faults={model.faults} /> : null}
          {tab === 'state' ? <StateView model={model} /> : null}
        </div>
      </main>
    </>
  );
}
