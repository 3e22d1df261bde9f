import { parseArgs } from 'node:util';
import { API_KEY_PATTERN } from '../machine/owner.js';
import { PROXY_FLAGS, type ProxyCliOptions, ProxyUsageError, proxyOptions } from './proxy-args.js';

/** The default port of `runra-mock` (the programmatic server picks a free one instead). */
export const DEFAULT_CLI_PORT = 4010;
/** The default interface: loopback only. */
export const DEFAULT_CLI_HOST = '127.0.0.1';
/** The environment variable holding the API keys to accept, separated by spaces or newlines. */
export const API_KEYS_ENV = 'RUNRA_MOCK_API_KEYS';

/** What a `runra-mock` command line asks for, validated. */
export interface CliRunOptions {
  port: number;
  host: string;
  /** `--allow-host`: names requests may be addressed to besides IPs and localhost. */
  allowHosts: string[];
  /** `--api-key`: the only keys accepted (with those of the file and the environment). */
  apiKeys?: string[];
  /** `--api-keys-file`: a file of keys, one a line. */
  apiKeysFile?: string;
  manualClock: boolean;
  bootMs?: number;
  capacityCpu?: number;
  createRateLimit?: { limit: number; windowMs: number };
  seed?: number;
  stateFile?: string;
  quiet: boolean;
  /** Set by `--proxy <url>`: verify an upstream instead of serving a mock. */
  proxy?: ProxyCliOptions;
}

/** The outcome of {@link parseCliArgs}. */
export type CliCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: CliRunOptions };

/** A command line that cannot be run: the CLI prints `message` and exits with status 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** Every flag; a new one is a line here and a line in {@link parseCliArgs}. */
const OPTIONS = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'api-key': { type: 'string', multiple: true },
  'api-keys-file': { type: 'string' },
  'manual-clock': { type: 'boolean' },
  'boot-ms': { type: 'string' },
  'capacity-cpu': { type: 'string' },
  'create-rate-limit': { type: 'string' },
  seed: { type: 'string' },
  'state-file': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  ...PROXY_FLAGS,
} as const;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** Parses a whole decimal integer in [min, max], or throws a usage error naming the flag. */
function integerFlag(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    throw new CliUsageError(`--${flag} must be an integer ${range} (got "${raw}")`);
  }
  return value;
}

/**
 * Parses a creation rate limit written `COUNT/WINDOW`, the window a number (default 1) and a
 * unit `ms`, `s`, `m` or `h`: `10/60s`, `10/m`, `100/1h`, `5/250ms`.
 *
 * @throws {CliUsageError} when the text is not of that form.
 * @example
 * ```ts
 * parseRateLimit('10/60s'); // { limit: 10, windowMs: 60000 }
 * ```
 */
export function parseRateLimit(raw: string): { limit: number; windowMs: number } {
  const match = /^(\d+)\/(\d*)(ms|s|m|h)$/.exec(raw.trim());
  const [, count, amount, unit] = match ?? [];
  const limit = Number(count);
  const windowMs =
    (amount === undefined || amount === '' ? 1 : Number(amount)) * UNIT_MS[unit as keyof typeof UNIT_MS];
  if (
    !match ||
    !Number.isSafeInteger(limit) ||
    limit < 1 ||
    !Number.isSafeInteger(windowMs) ||
    windowMs < 1
  ) {
    throw new CliUsageError(
      `--create-rate-limit must be COUNT/WINDOW with COUNT >= 1 and WINDOW like 60s, 1m, 500ms or h (got "${raw}")`,
    );
  }
  return { limit, windowMs };
}

/** The long name of a token naming a flag that takes a value (`--port`, `-p`), if it is one. */
function valueFlag(token: string): string | undefined {
  for (const [name, option] of Object.entries(OPTIONS)) {
    if (option.type !== 'string') continue;
    if (token === `--${name}` || ('short' in option && token === `-${option.short}`)) return name;
  }
  return undefined;
}

/**
 * `--port -1` as `--port=-1`: `parseArgs` takes a value that starts with `-` for a flag, and
 * would answer that the flag is "ambiguous" instead of saying the number is out of range.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    const name = valueFlag(token);
    const next = argv[i + 1];
    if (name !== undefined && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else {
      out.push(token);
    }
  }
  return out;
}

/**
 * Refuses a malformed API key, naming where it came from but never printing it (it may be a
 * real key pasted by mistake).
 *
 * @throws {CliUsageError} unless `key` is 1-256 visible ASCII characters.
 * @example
 * ```ts
 * checkApiKey('sk_test_1', '--api-key number 1'); // passes
 * ```
 */
export function checkApiKey(key: string, where: string): void {
  if (!API_KEY_PATTERN.test(key)) {
    throw new CliUsageError(
      `${where} is not a well-formed API key: 1-256 visible ASCII characters, no spaces (the key is not shown)`,
    );
  }
}

/** Turns `node:util` parse errors into usage errors with the same message. */
function parse(argv: readonly string[]) {
  try {
    const args = joinNegativeValues(argv);
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Parses the arguments of `runra-mock` (without the `node` and script entries). Pure: it
 * reads no file and no environment (`runCli` reads `--api-keys-file` and
 * `RUNRA_MOCK_API_KEYS`).
 *
 * @throws {CliUsageError} on an unknown flag, a missing value or a value out of range.
 * @example
 * ```ts
 * parseCliArgs(['--port', '0', '--manual-clock']);
 * // { kind: 'run', options: { port: 0, host: '127.0.0.1', allowHosts: [], manualClock: true, quiet: false } }
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const values = parse(argv);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const options: CliRunOptions = {
    port: values.port === undefined ? DEFAULT_CLI_PORT : integerFlag('port', values.port, 0, 65_535),
    host: values.host ?? DEFAULT_CLI_HOST,
    allowHosts: values['allow-host'] ?? [],
    manualClock: values['manual-clock'] ?? false,
    quiet: values.quiet ?? false,
  };
  if (options.host.trim() === '') throw new CliUsageError('--host must not be empty');
  for (const name of options.allowHosts) {
    if (!/^(\*|[\w.-]+|\[[\da-fA-F:.]+\])$/.test(name)) {
      throw new CliUsageError(`--allow-host must be a host name without port, or * (got "${name}")`);
    }
  }
  if (values['api-key'] !== undefined) {
    for (const [index, key] of values['api-key'].entries()) checkApiKey(key, `--api-key number ${index + 1}`);
    options.apiKeys = values['api-key'];
  }
  if (values['api-keys-file'] !== undefined) {
    if (values['api-keys-file'] === '') throw new CliUsageError('--api-keys-file must not be empty');
    options.apiKeysFile = values['api-keys-file'];
  }
  if (values['boot-ms'] !== undefined) options.bootMs = integerFlag('boot-ms', values['boot-ms'], 0);
  if (values['capacity-cpu'] !== undefined) {
    options.capacityCpu = integerFlag('capacity-cpu', values['capacity-cpu'], 0);
  }
  if (values['create-rate-limit'] !== undefined) {
    options.createRateLimit = parseRateLimit(values['create-rate-limit']);
  }
  if (values.seed !== undefined) options.seed = integerFlag('seed', values.seed, 0);
  if (values['state-file'] !== undefined) {
    if (values['state-file'] === '') throw new CliUsageError('--state-file must not be empty');
    options.stateFile = values['state-file'];
  }
  try {
    const proxy = proxyOptions(values);
    if (proxy !== undefined) options.proxy = proxy;
  } catch (error) {
    throw error instanceof ProxyUsageError ? new CliUsageError(error.message) : error;
  }
  return { kind: 'run', options };
}
