import type { MockApiOptions } from '../api.js';
import { type MockServer, startMockServer } from '../node/server.js';
import { type CliRunOptions, CliUsageError, parseCliArgs } from './args.js';
import { HELP_TEXT } from './help.js';
import { formatRequestLine } from './request-line.js';
import { type ProxyCliRun, runProxy } from './run-proxy.js';
import { loadStateFile, saveStateFile } from './state-file.js';

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

async function mockOptions(options: CliRunOptions): Promise<MockApiOptions> {
  const apiOptions: MockApiOptions = { clock: options.manualClock ? 'manual' : 'system' };
  if (options.bootMs !== undefined) apiOptions.bootMs = options.bootMs;
  if (options.capacityCpu !== undefined) apiOptions.capacityCpu = options.capacityCpu;
  if (options.createRateLimit !== undefined) apiOptions.createRateLimit = options.createRateLimit;
  if (options.seed !== undefined) apiOptions.seed = options.seed;
  if (options.stateFile !== undefined) {
    const state = await loadStateFile(options.stateFile);
    if (state !== undefined) apiOptions.state = state;
  }
  return apiOptions;
}

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * Runs `runra-mock` with these arguments: prints help or the version, or starts the server,
 * prints its URL as the first line and one line per request (unless `--quiet`).
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
): Promise<CliOutcome> {
  let options: CliRunOptions;
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
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    output.err(`runra-mock: ${error.message}\nTry 'runra-mock --help'.\n`);
    return { exitCode: 2 };
  }
  if (options.proxy !== undefined) return runProxy({ ...options, proxy: options.proxy }, output);

  let server: MockServer;
  try {
    server = await startMockServer({
      ...(await mockOptions(options)),
      port: options.port,
      host: options.host,
      onRequest: options.quiet ? undefined : (entry) => output.out(`${formatRequestLine(entry)}\n`),
    });
  } catch (error) {
    output.err(`runra-mock: ${error instanceof Error ? error.message : String(error)}\n`);
    return { exitCode: 1 };
  }
  output.out(`${server.url}\n`);

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
