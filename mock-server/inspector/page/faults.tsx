import { useState } from 'preact/hooks';
import { ERROR_STATUS } from '../../../src/schemas/error-codes.js';
import type { FaultInfo } from '../../http/faults.js';
import { addFault, clearFaults, removeFault } from './control.js';
import { Notice, Section } from './ui.js';

const ROUTES = [
  '/v1/sandboxes',
  '/v1/sandboxes/:id',
  '/v1/sandboxes/:id/pause',
  '/v1/sandboxes/:id/resume',
  '*',
];
const METHODS = ['', 'GET', 'POST', 'PUT', 'DELETE'];
const CODES = Object.keys(ERROR_STATUS);

type Effect = 'error' | 'drop' | 'latency';

interface Form {
  method: string;
  path: string;
  effect: Effect;
  code: string;
  status: string;
  message: string;
  drop: 'before' | 'after';
  latencyMs: string;
  count: 'times' | 'fraction';
  times: string;
  fraction: string;
}

const INITIAL: Form = {
  method: 'POST',
  path: '/v1/sandboxes',
  effect: 'error',
  code: 'RESOURCE_EXHAUSTED',
  status: '',
  message: '',
  drop: 'after',
  latencyMs: '',
  count: 'times',
  times: '1',
  fraction: '0.5',
};

/** The rule the form describes, or the reason it cannot be one. */
export function ruleOf(form: Form): { rule: Record<string, unknown> } | { problem: string } {
  const rule: Record<string, unknown> = {};
  if (form.method) rule.method = form.method;
  rule.path = form.path.trim() || '*';
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const latency = number(form.latencyMs);
  if (latency !== undefined) {
    if (!Number.isInteger(latency) || latency < 0) return { problem: 'Latency must be a whole number of ms' };
    rule.latencyMs = latency;
  }
  if (form.effect === 'error') {
    const error: Record<string, unknown> = { code: form.code.trim() };
    const status = number(form.status);
    if (status !== undefined) error.status = status;
    if (form.message.trim()) error.message = form.message.trim();
    rule.error = error;
  } else if (form.effect === 'drop') {
    rule.drop = form.drop;
  } else if (latency === undefined) {
    return { problem: 'A latency-only fault needs a latency' };
  }
  if (form.count === 'times') {
    const times = number(form.times);
    if (times !== undefined) rule.times = times;
  } else {
    const fraction = number(form.fraction);
    if (fraction !== undefined) rule.fraction = fraction;
  }
  return { rule };
}

function effectText(fault: FaultInfo): string {
  const parts: string[] = [];
  if (fault.error) parts.push(`answer ${fault.error.status ?? ''} ${fault.error.code}`.replace('  ', ' '));
  if (fault.drop) parts.push(`drop the connection ${fault.drop} acting`);
  if (fault.latencyMs !== undefined) parts.push(`wait ${fault.latencyMs} ms`);
  return parts.join(', then ');
}

/** The registered faults, and a form to add one. */
export function Faults({ faults }: { faults: FaultInfo[] }) {
  const [form, setForm] = useState<Form>(INITIAL);
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const set = (field: keyof Form) => (event: Event) =>
    setForm({ ...form, [field]: (event.target as HTMLInputElement).value });
  const report = (ok: boolean, text: string) => setNotice({ ok, text });
  const submit = async (event: Event) => {
    event.preventDefault();
    const built = ruleOf(form);
    if ('problem' in built) return report(false, built.problem);
    const result = await addFault(built.rule);
    if (result.ok) report(true, `Added ${(result.value as { id?: string } | undefined)?.id ?? 'the fault'}`);
    else report(false, result.message);
  };
  const remove = async (id: string) => {
    const result = await removeFault(id);
    report(result.ok, result.ok ? `Removed ${id}` : result.message);
  };
  const removeAll = async () => {
    const result = await clearFaults();
    report(result.ok, result.ok ? 'Removed every fault' : result.message);
  };
  return (
    <div class="columns">
      <Section
        title="Registered faults"
        id="faults-title"
        actions={
          faults.length > 0 ? (
            <button type="button" class="danger" onClick={() => void removeAll()}>
              Remove all
            </button>
          ) : null
        }
      >
        {faults.length === 0 ? (
          <p class="empty">No faults: every request is answered normally.</p>
        ) : (
          <div class="table-wrap">
            <table class="grid" data-testid="fault-table">
              <caption class="visually-hidden">Registered faults, first match wins</caption>
              <thead>
                <tr>
                  <th scope="col">Fault</th>
                  <th scope="col">Matches</th>
                  <th scope="col">Effect</th>
                  <th scope="col">Remaining</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {faults.map((fault) => (
                  <tr key={fault.id} data-fault={fault.id}>
                    <th scope="row" class="mono">
                      {fault.id}
                    </th>
                    <td class="mono">
                      {fault.method ?? '*'} {fault.path ?? '*'}
                      {fault.fraction === undefined ? '' : ` (${fault.fraction * 100}% of them)`}
                    </td>
                    <td>{effectText(fault)}</td>
                    <td class="num" data-testid="fault-remaining">
                      {fault.remaining === null ? '∞' : fault.remaining}
                    </td>
                    <td>
                      <button
                        type="button"
                        class="link"
                        onClick={() => void remove(fault.id)}
                        aria-label={`Remove ${fault.id}`}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Notice notice={notice} />
      </Section>
      <Section title="Add a fault" id="fault-form-title">
        <form class="stack" onSubmit={(event) => void submit(event)} aria-labelledby="fault-form-title">
          <div class="row">
            <div class="field">
              <label for="f-method">Method</label>
              <select id="f-method" value={form.method} onChange={set('method')}>
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m || 'Any'}
                  </option>
                ))}
              </select>
            </div>
            <div class="field grow">
              <label for="f-path">Route</label>
              <input id="f-path" list="f-routes" value={form.path} onInput={set('path')} />
              <datalist id="f-routes">
                {ROUTES.map((r) => (
                  <option key={r} value={r} />
                ))}
              </datalist>
            </div>
          </div>
          <fieldset>
            <legend>Effect</legend>
            {(['error', 'drop', 'latency'] as const).map((effect) => (
              <label key={effect} class="choice">
                <input
                  type="radio"
                  name="f-effect"
                  value={effect}
                  checked={form.effect === effect}
                  onChange={() => setForm({ ...form, effect })}
                />{' '}
                {effect === 'error'
                  ? 'Answer an error'
                  : effect === 'drop'
                    ? 'Drop the connection'
                    : 'Only wait'}
              </label>
            ))}
          </fieldset>
          {form.effect === 'error' ? (
            <div class="row">
              <div class="field">
                <label for="f-code">Error code</label>
                <input
                  id="f-code"
                  class="code-input"
                  list="f-codes"
                  value={form.code}
                  onInput={set('code')}
                />
                <datalist id="f-codes">
                  {CODES.map((c) => (
                    <option key={c} value={c} />
                  ))}
                </datalist>
              </div>
              <div class="field">
                <label for="f-status">Status (optional)</label>
                <input
                  id="f-status"
                  class="short"
                  inputMode="numeric"
                  value={form.status}
                  onInput={set('status')}
                />
              </div>
              <div class="field grow">
                <label for="f-message">Message (optional)</label>
                <input id="f-message" value={form.message} onInput={set('message')} />
              </div>
            </div>
          ) : null}
          {form.effect === 'drop' ? (
            <div class="field">
              <label for="f-drop">Drop</label>
              <select id="f-drop" value={form.drop} onChange={set('drop')}>
                <option value="before">before the mock acts (nothing happens)</option>
                <option value="after">after the mock acts (it happened, the client never hears)</option>
              </select>
            </div>
          ) : null}
          <div class="row">
            <div class="field">
              <label for="f-latency">Latency ms{form.effect === 'latency' ? '' : ' (optional)'}</label>
              <input
                id="f-latency"
                class="short"
                inputMode="numeric"
                value={form.latencyMs}
                onInput={set('latencyMs')}
              />
            </div>
            <fieldset class="inline">
              <legend>How often</legend>
              <label class="choice">
                <input
                  type="radio"
                  name="f-count"
                  checked={form.count === 'times'}
                  onChange={() => setForm({ ...form, count: 'times' })}
                />{' '}
                times
              </label>
              <label class="visually-hidden" for="f-times">
                Number of times
              </label>
              <input
                id="f-times"
                class="tiny"
                inputMode="numeric"
                value={form.times}
                disabled={form.count !== 'times'}
                onInput={set('times')}
              />
              <label class="choice">
                <input
                  type="radio"
                  name="f-count"
                  checked={form.count === 'fraction'}
                  onChange={() => setForm({ ...form, count: 'fraction' })}
                />{' '}
                fraction (until removed)
              </label>
              <label class="visually-hidden" for="f-fraction">
                Fraction of matching requests, 0 to 1
              </label>
              <input
                id="f-fraction"
                class="tiny"
                inputMode="decimal"
                value={form.fraction}
                disabled={form.count !== 'fraction'}
                onInput={set('fraction')}
              />
            </fieldset>
          </div>
          <div>
            <button type="submit" class="primary">
              Add fault
            </button>
          </div>
        </form>
      </Section>
    </div>
  );
}
