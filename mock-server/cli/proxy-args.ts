import { InvalidUpstreamError, parseUpstream } from '../proxy/upstream.js';

/**
 * A proxy flag that cannot be run; `parseCliArgs` reports it as a usage error (status 2).
 *
 * @example
 * ```ts
 * try { proxyOptions({ report: 'r.json' }); } catch (error) { error instanceof ProxyUsageError; } // true
 * ```
 */
export class ProxyUsageError extends Error {
  override readonly name = 'ProxyUsageError';
}

/**
 * What `runra-mock --proxy <url>` asks for.
 *
 * @example
 * ```ts
 * const proxy: ProxyCliOptions = { upstream: 'https://staging.example.com', report: 'report.json', failOnFinding: true };
 * ```
 */
export interface ProxyCliOptions {
  /** The upstream base URL, checked by `parseUpstream`. */
  upstream: string;
  /** Where to write the JSON report at exit. */
  report?: string;
  /** Exit with {@link FINDINGS_EXIT_STATUS} when anything was found. */
  failOnFinding: boolean;
}

/** The exit status of `--fail-on-finding` when the proxy reported findings. */
export const FINDINGS_EXIT_STATUS = 3;

/** The proxy's flags, in `node:util` `parseArgs` form. */
export const PROXY_FLAGS = {
  proxy: { type: 'string' },
  report: { type: 'string' },
  'fail-on-finding': { type: 'boolean' },
} as const;

/**
 * Flags of the mock that mean nothing to a proxy: the upstream holds the state and the clock,
 * and judges the keys (the proxy forwards the caller's own).
 */
const MOCK_ONLY_FLAGS = [
  'api-key',
  'api-keys-file',
  'manual-clock',
  'boot-ms',
  'capacity-cpu',
  'create-rate-limit',
  'seed',
  'state-file',
];

/**
 * Reads the proxy's flags out of parsed values: `undefined` without `--proxy`.
 *
 * @throws {ProxyUsageError} for `--report` or `--fail-on-finding` without `--proxy`, a mock-only
 * flag with it, or an upstream URL it cannot use.
 * @example
 * ```ts
 * proxyOptions({ proxy: 'http://127.0.0.1:4010', 'fail-on-finding': true });
 * // { upstream: 'http://127.0.0.1:4010', failOnFinding: true }
 * ```
 */
export function proxyOptions(values: Readonly<Record<string, unknown>>): ProxyCliOptions | undefined {
  const upstream = values.proxy;
  if (typeof upstream !== 'string') {
    for (const flag of ['report', 'fail-on-finding']) {
      if (values[flag] !== undefined) throw new ProxyUsageError(`--${flag} applies only with --proxy <url>`);
    }
    return undefined;
  }
  const mockOnly = MOCK_ONLY_FLAGS.filter((flag) => values[flag] !== undefined);
  if (mockOnly.length > 0) {
    throw new ProxyUsageError(
      `--${mockOnly[0]} does not apply with --proxy: the upstream holds the state and the clock, and judges the keys`,
    );
  }
  try {
    parseUpstream(upstream);
  } catch (error) {
    if (error instanceof InvalidUpstreamError) throw new ProxyUsageError(`--proxy: ${error.message}`);
    throw error;
  }
  const options: ProxyCliOptions = { upstream, failOnFinding: values['fail-on-finding'] === true };
  if (typeof values.report === 'string') {
    if (values.report === '') throw new ProxyUsageError('--report must not be empty');
    options.report = values.report;
  }
  return options;
}
