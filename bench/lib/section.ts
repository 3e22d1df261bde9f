/** A target a benchmark figure is held to (docs/benchmarks.md, "Floors") and whether this run met it. */
export interface Floor {
  name: string;
  met: boolean;
  /** The measured figure against the floor, e.g. `1.08× (≤ 1.15×)`. */
  detail: string;
}

/** What one bench section hands to the report. */
export interface SectionResult {
  title: string;
  /** Markdown: tables and notes. */
  markdown: string;
  floors: Floor[];
}

/** A markdown table from a header row and rows. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A floor check: `value` against `limit` in direction `atMost` or at least. */
export function floor(name: string, value: number, limit: number, kind: 'atMost' | 'atLeast'): Floor {
  const met = kind === 'atMost' ? value <= limit : value >= limit;
  const sign = kind === 'atMost' ? '≤' : '≥';
  return { name, met, detail: `${value.toFixed(3)}× (floor ${sign} ${limit}×)` };
}
