/** Formatting of mock time and durations, and reading a duration a person types. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `10:32:05` (UTC, the mock's ISO times are UTC); with `ms`, `10:32:05.250`. */
export function clockTime(ms: number, withMs = false): string {
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return withMs ? `${time}.${pad(d.getUTCMilliseconds(), 3)}` : time;
}

/** `2026-06-15 10:32:05 UTC`. */
export function fullTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${clockTime(ms)} UTC`;
}

/** A length of time, short: `450ms`, `12s`, `2m 05s`, `1h 02m`, `3d 4h`. */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)}ms`;
  const s = Math.floor(abs / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** `in 1m 30s` or `2m 05s ago`, relative to `now`. */
export function relative(at: number, now: number): string {
  if (at === now) return 'now';
  return at > now ? `in ${duration(at - now)}` : `${duration(now - at)} ago`;
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
const PART = /(\d+(?:\.\d+)?)\s*(ms|s|min|m|h|d)/gy;

/**
 * Reads a duration: `90s`, `2m`, `1h30m`, `1.5h`, `250ms`, or a bare number of milliseconds.
 * Returns whole milliseconds, or undefined when the text is not one.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase().replace(/\s+/g, '');
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  let total = 0;
  let at = 0;
  PART.lastIndex = 0;
  for (let match = PART.exec(trimmed); match !== null; match = PART.exec(trimmed)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
    at = PART.lastIndex;
  }
  if (at !== trimmed.length || at === 0) return undefined;
  const ms = Math.round(total);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** JSON text pretty-printed when it parses, else as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
