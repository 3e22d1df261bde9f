/**
 * The page's calls to the mock: same-origin fetches of the control plane (`/_mock/...`),
 * every change sent as JSON with `Content-Type: application/json`.
 */

/** What a call answered: ok, or the error envelope's message. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; message: string; issues?: unknown[] };

async function call<T>(method: string, path: string, body?: unknown): Promise<CallResult<T>> {
  const init: RequestInit = { method, credentials: 'same-origin', cache: 'no-store' };
  if (method !== 'GET') {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    return {
      ok: false,
      message: `The mock did not answer (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (response.ok) return { ok: true, value: parsed as T };
  const error = (parsed as { error?: { message?: string; details?: { issues?: unknown[] } } } | undefined)
    ?.error;
  const result: CallResult<T> = {
    ok: false,
    message: error?.message ?? `${response.status} ${response.statusText}`.trim(),
  };
  if (Array.isArray(error?.details?.issues)) result.issues = error.details.issues;
  return result;
}

export const getJson = <T>(path: string) => call<T>('GET', path);
export const advanceClock = (ms: number) => call('POST', '/_mock/clock/advance', { ms });
export const addFault = (rule: Record<string, unknown>) => call('POST', '/_mock/faults', rule);
export const removeFault = (id: string) => call('DELETE', `/_mock/faults/${encodeURIComponent(id)}`);
export const clearFaults = () => call('DELETE', '/_mock/faults');
export const clearJournal = () => call('DELETE', '/_mock/requests');
export const resetMock = () => call('POST', '/_mock/reset');
export const loadState = (snapshot: unknown) => call('PUT', '/_mock/state', snapshot);
