import { readFile } from 'node:fs/promises';
import type { MockApiOptions } from '../api.js';
import { InvalidSnapshotError } from '../machine/snapshot.js';
import { isLoopbackHost } from '../node/host-check.js';
import { type MockServer, startMockServer } from '../node/server.js';
import { API_KEYS_ENV, type CliRunOptions, CliUsageError, checkApiKey, parseCliArgs } from './args.js';
import { HELP_TEXT } from './help.js';
import { formatRequestLine } from './request-line.js';
import { type ProxyCliRun, runProxy } from './run-proxy.js';
import { openStateFile, StateFileError, saveStateFile } from './state-file.js';

/** Where the CLI writes; `process.stdout`/`process.stderr` in the binary, buffers in tests. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/**
 * What {@link runCli} leaves behind: an exit status (help, version, errors), or a running
 * server and the way to stop it.
 */
export type CliOutcome = { exitCode: number } | { server: MockServer; stop(): Promise<void> } | ProxyCliRun;

/** How long `stop()` lets in-flight requests finish before the state is saved anyway. */
const SHUTDOWN_GRACE_MS = 2000;

/** Keys of a keys file: one a line, blank lines and `#` comments skipped. */
async function keysOfFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliUsageError(`--api-keys-file ${path} cannot be read (${code})`);
  }
  const keys: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const key = line.trim();
    if (key === '' || key.startsWith('#')) return;
    checkApiKey(key, `line ${index + 1} of --api-keys-file ${path}`);
    keys.push(key);
  });
  return keys;
}

/**
 * The API keys to accept, from `--api-key`, `--api-keys-file` and `RUNRA_MOCK_API_KEYS`
 * together; `undefined` (any well-formed key) when none of them is given. Never printed.
 */
async function acceptedKeys(
  options: CliRunOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[] | undefined> {
  const fromEnv = env[API_KEYS_ENV]?.trim() ?? '';
  if (options.apiKeys === undefined && options.apiKeysFile === undefined && fromEnv === '') return undefined;
  const keys = [...(options.apiKeys ?? [])];
  if (options.apiKeysFile !== undefined) keys.push(...(await keysOfFile(options.apiKeysFile)));
  if (fromEnv !== '') {
    fromEnv.split(/\s+/).forEach((key, index) => {
      checkApiKey(key, `key number ${index + 1} of ${API_KEYS_ENV}`);
      keys.push(key);
    });
  }
  if (keys.length === 0) {
    throw new CliUsageError(
      `--api-keys-file ${options.apiKeysFile} holds no key: every request would be refused (give no key source to accept any key)`,
    );
  }
  return keys;
}

async function mockOptions(
  options: CliRunOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<MockApiOptions> {
  const apiOptions: MockApiOptions = { clock: options.manualClock ? 'manual' : 'system' };
  if (options.bootMs !== undefined) apiOptions.bootMs = options.bootMs;
  if (options.capacityCpu !== undefined) apiOptions.capacityCpu = options.capacityCpu;
  if (options.createRateLimit !== undefined) apiOptions.createRateLimit = options.createRateLimit;
  if (options.seed !== undefined) apiOptions.seed = options.seed;
  const apiKeys = await acceptedKeys(options, env);
  if (apiKeys !== undefined) apiOptions.apiKeys = apiKeys;
  if (options.stateFile !== undefined) {
    const state = await openStateFile(options.stateFile);
    if (state !== undefined) apiOptions.state = state;
  }
  return apiOptions;
}

/** Warnings about choices that open the mock up; printed on stderr, never with a key. */
function warnings(options: CliRunOptions): string[] {
  const out: string[] = [];
  if (!isLoopbackHost(options.host)) {
    out.push(
      `warning: listening on ${options.host}, not only on this machine: anyone who can reach it can use the control plane (/_mock/*: read every sandbox and its env, change the clock, reset, inject faults). Use it on a trusted network only; see docs/security.md`,
    );
  }
  if (options.apiKeys !== undefined) {
    out.push(
      `note: keys given with --api-key show in the process list (ps) of this machine; ${API_KEYS_ENV} or --api-keys-file keep them out of it`,
    );
  }
  return out;
}

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * Runs `runra-mock` with these arguments: prints help or the version, or starts the server,
 * prints its URL as the first line and one line per request (unless `--quiet`). A command
 * line that cannot run (a bad flag, a key file or state file that cannot be used) exits 2
 * before anything listens.
 *
 * @example
 * ```ts
 * const outcome = await runCli(['--port', '0'], { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, '0.1.0');
 * if ('stop' in outcome) await outcome.stop();
 * ```
 */
export async function runCli(
  argv: readonly string[],
  output: CliOutput,
  version: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<CliOutcome> {
  let options: CliRunOptions;
  let apiOptions: MockApiOptions;
  try {
    const command = parseCliArgs(argv);
    if (command.kind === 'help') {
      output.out(HELP_TEXT);
      return { exitCode: 0 };
    }
    if (command.kind === 'version') {
      output.out(`${version}\n`);
      return { exitCode: 0 };
    }
    options = command.options;
    // A proxy forwards to an upstream that holds the state and judges the keys: no mock options.
    apiOptions = options.proxy === undefined ? await mockOptions(options, env) : {};
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof StateFileError) {
      output.err(`runra-mock: ${error.message}\nTry 'runra-mock --help'.\n`);
      return { exitCode: 2 };
    }
    throw error;
  }
  if (options.proxy !== undefined) {
    const run = await runProxy({ ...options, proxy: options.proxy }, output);
    if ('proxy' in run) for (const warning of warnings(options)) output.err(`runra-mock: ${warning}\n`);
    return run;
  }

  let server: MockServer;
  try {
    server = await startMockServer({
      ...apiOptions,
      port: options.port,
      host: options.host,
      allowedHosts: options.allowHosts,
      onRequest: options.quiet ? undefined : (entry) => output.out(`${formatRequestLine(entry)}\n`),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof InvalidSnapshotError) {
      output.err(`runra-mock: --state-file ${options.stateFile}: ${message}\n`);
      return { exitCode: 2 };
    }
    output.err(`runra-mock: ${message}\n`);
    return { exitCode: 1 };
  }
  output.out(`${server.url}\n`);
  for (const warning of warnings(options)) output.err(`runra-mock: ${warning}\n`);
  // On stderr: stdout stays the URL, then one line per request.
  if (!options.quiet && server.inspectorUrl) output.err(`runra-mock: inspector at ${server.inspectorUrl}\n`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await Promise.race([server.close(), delay(SHUTDOWN_GRACE_MS)]);
      if (options.stateFile !== undefined) await saveStateFile(options.stateFile, server.api.exportState());
    })();
    return stopping;
  };
  return { server, stop };
}
