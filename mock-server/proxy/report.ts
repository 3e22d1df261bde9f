import type { Finding } from '../http/finding.js';
import type { JournalEntry } from '../http/journal.js';

/** Exchanges with findings the report lists in full; beyond them it only counts. */
export const REPORTED_EXCHANGES_LIMIT = 1000;

/**
 * One exchange with findings, as the report lists it: the journal's fields (the API key
 * masked as the journal masks it) and what was allowed for.
 */
export interface ReportedExchange extends JournalEntry {
  findings: Finding[];
  /** Circumstances the check allowed for (e.g. `time-passed`), if any. */
  allowances?: string[];
}

/**
 * The JSON report `runra-mock --proxy … --report <file>` writes at exit (and
 * `GET /_mock/report` answers while it runs). No key, no `Authorization` value, anywhere.
 *
 * @example
 * ```ts
 * const report: ProxyReport = JSON.parse(await readFile('proxy-report.json', 'utf8'));
 * if (report.findings.total > 0) console.log(report.findings.byPath);
 * ```
 */
export interface ProxyReport {
  version: 1;
  /** The upstream base URL (without credentials). */
  upstream: string;
  startedAt: string;
  /** When the report was made. */
  finishedAt: string;
  /** Requests forwarded. */
  exchanges: number;
  /** Exchanges whose shapes were checked. */
  checked: number;
  /** Forwarded but not judged, by reason (e.g. `OPTIONS is not part of the contract`). */
  unchecked: Record<string, number>;
  behaviour: {
    /** Answers the reference predicted (and compared). */
    predicted: number;
    /** Answers it could not predict, by reason (`unknown-sandbox`, `concurrent`, …). */
    notPredicted: Record<string, number>;
    /** How often each allowance was needed to explain an answer (`time-passed`, `capacity`, …). */
    allowances: Record<string, number>;
  };
  /** Requests the upstream did not answer (the caller got the proxy's 502). */
  upstreamErrors: number;
  /** Exchanges that broke off mid-way. */
  broken: number;
  findings: {
    total: number;
    shape: number;
    behaviour: number;
    /** Exchanges with at least one finding. */
    exchanges: number;
    /** Findings grouped by kind and path, most frequent first, each with one example message. */
    byPath: { kind: Finding['kind']; path: string; count: number; example: string }[];
  };
  /** The first {@link REPORTED_EXCHANGES_LIMIT} exchanges with findings, oldest first. */
  exchangesWithFindings: ReportedExchange[];
  /** Exchanges with findings beyond the limit (counted, not listed). */
  omittedExchanges: number;
  /** Time spent checking (after each answer was sent), in milliseconds. */
  checking: { totalMs: number; meanMs: number };
  /** Checks that failed inside the proxy itself (a bug of the proxy, not of the upstream). */
  checkerErrors: number;
}

/** What the verifier tells the report about one exchange. */
export interface ReportInput {
  entry: JournalEntry;
  allowances: readonly string[];
  notPredicted?: string | undefined;
  unchecked?: string | undefined;
  outcome: 'answered' | 'upstream-error' | 'broken';
  checkMs: number;
}

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Builds the {@link ProxyReport} as exchanges are verified.
 *
 * @example
 * ```ts
 * const report = new ReportBuilder('https://staging.example.com');
 * report.add({ entry, allowances: [], outcome: 'answered', checkMs: 0.4 });
 * report.toJSON().findings.total;
 * ```
 */
export class ReportBuilder {
  readonly #upstream: string;
  readonly #startedAt = new Date().toISOString();
  #exchanges = 0;
  #checked = 0;
  readonly #unchecked: Record<string, number> = {};
  #predicted = 0;
  readonly #notPredicted: Record<string, number> = {};
  readonly #allowances: Record<string, number> = {};
  #upstreamErrors = 0;
  #broken = 0;
  #findings = 0;
  #shape = 0;
  #behaviour = 0;
  #withFindings = 0;
  readonly #byPath = new Map<
    string,
    { kind: Finding['kind']; path: string; count: number; example: string }
  >();
  readonly #listed: ReportedExchange[] = [];
  #checkMs = 0;
  #checkerErrors = 0;

  constructor(upstream: string) {
    this.#upstream = upstream;
  }

  /** Findings so far. */
  get findings(): number {
    return this.#findings;
  }

  /** Counts a check that threw (a bug of the proxy). */
  checkerError(): void {
    this.#checkerErrors++;
  }

  add(input: ReportInput): void {
    this.#exchanges++;
    this.#checkMs += input.checkMs;
    if (input.outcome === 'upstream-error') this.#upstreamErrors++;
    else if (input.outcome === 'broken') this.#broken++;
    else if (input.unchecked !== undefined) bump(this.#unchecked, input.unchecked);
    else {
      this.#checked++;
      if (input.notPredicted === undefined) this.#predicted++;
      else bump(this.#notPredicted, input.notPredicted);
    }
    for (const allowance of input.allowances) bump(this.#allowances, allowance);
    const findings = input.entry.findings ?? [];
    if (findings.length === 0) return;
    this.#withFindings++;
    for (const finding of findings) {
      this.#findings++;
      if (finding.kind === 'shape') this.#shape++;
      else this.#behaviour++;
      const key = `${finding.kind} ${finding.path ?? ''}`;
      const group = this.#byPath.get(key);
      if (group) group.count++;
      else
        this.#byPath.set(key, {
          kind: finding.kind,
          path: finding.path ?? '',
          count: 1,
          example: finding.message,
        });
    }
    if (this.#listed.length < REPORTED_EXCHANGES_LIMIT) {
      const listed: ReportedExchange = { ...input.entry, findings };
      if (input.allowances.length > 0) listed.allowances = [...input.allowances];
      this.#listed.push(listed);
    }
  }

  toJSON(): ProxyReport {
    return {
      version: 1,
      upstream: this.#upstream,
      startedAt: this.#startedAt,
      finishedAt: new Date().toISOString(),
      exchanges: this.#exchanges,
      checked: this.#checked,
      unchecked: { ...this.#unchecked },
      behaviour: {
        predicted: this.#predicted,
        notPredicted: { ...this.#notPredicted },
        allowances: { ...this.#allowances },
      },
      upstreamErrors: this.#upstreamErrors,
      broken: this.#broken,
      findings: {
        total: this.#findings,
        shape: this.#shape,
        behaviour: this.#behaviour,
        exchanges: this.#withFindings,
        byPath: [...this.#byPath.values()].sort((a, b) => b.count - a.count),
      },
      exchangesWithFindings: structuredClone(this.#listed),
      omittedExchanges: this.#withFindings - this.#listed.length,
      checking: {
        totalMs: Math.round(this.#checkMs * 1000) / 1000,
        meanMs: this.#exchanges === 0 ? 0 : Math.round((this.#checkMs / this.#exchanges) * 1000) / 1000,
      },
      checkerErrors: this.#checkerErrors,
    };
  }
}
