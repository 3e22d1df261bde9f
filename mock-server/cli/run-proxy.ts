import { startVerifyingProxy, type VerifyingProxy } from '../proxy/node/server.js';
import type { CliRunOptions } from './args.js';
import { FINDINGS_EXIT_STATUS, type ProxyCliOptions } from './proxy-args.js';
import { formatProxyLine } from './proxy-line.js';
import { writeReportFile } from './report-file.js';

/** Where the CLI writes (as `runCli` is given it). */
interface Output {
  out(text: string): void;
  err(text: string): void;
}

/**
 * A running `runra-mock --proxy`: the proxy, how to stop it (the report is written then), and
 * the exit status it leaves.
 */
export interface ProxyCliRun {
  proxy: VerifyingProxy;
  stop(): Promise<void>;
  /** 0; {@link FINDINGS_EXIT_STATUS} with `--fail-on-finding` and findings; 1 if the report could not be written. */
  exitStatus(): number;
}

/** How long `stop()` lets exchanges in flight finish before the report is written anyway. */
const SHUTDOWN_GRACE_MS = 2000;

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const delay = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * Starts `runra-mock --proxy <url>`: prints the proxy's URL as the first line, then a line per
 * request with its findings (unless `--quiet`); `stop()` writes `--report` and sets the exit
 * status.
 *
 * @example
 * ```ts
 * const run = await runProxy({ ...options, proxy: { upstream: 'http://127.0.0.1:4010', failOnFinding: true } }, output);
 * ```
 */
export async function runProxy(
  options: CliRunOptions & { proxy: ProxyCliOptions },
  output: Output,
): Promise<ProxyCliRun | { exitCode: number }> {
  let proxy: VerifyingProxy;
  try {
    proxy = await startVerifyingProxy({
      upstream: options.proxy.upstream,
      port: options.port,
      host: options.host,
      allowedHosts: options.allowHosts,
      onExchange: options.quiet ? undefined : (verified) => output.out(`${formatProxyLine(verified)}\n`),
      onCheckerError: (error) =>
        output.err(`runra-mock: a check failed inside the proxy: ${describe(error)}\n`),
    });
  } catch (error) {
    output.err(`runra-mock: ${describe(error)}\n`);
    return { exitCode: 1 };
  }
  output.out(`${proxy.url}\n`);

  let status = 0;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await Promise.race([proxy.close(), delay(SHUTDOWN_GRACE_MS)]);
      await proxy.settled();
      const report = proxy.report();
      if (options.proxy.failOnFinding && report.findings.total > 0) status = FINDINGS_EXIT_STATUS;
      if (options.proxy.report !== undefined) {
        try {
          await writeReportFile(options.proxy.report, report);
        } catch (error) {
          output.err(`runra-mock: could not write the report ${options.proxy.report}: ${describe(error)}\n`);
          status = 1;
        }
      }
      if (report.findings.total > 0) {
        output.err(
          `runra-mock: ${report.findings.total} findings on ${report.findings.exchanges} requests\n`,
        );
      }
    })();
    return stopping;
  };
  return { proxy, stop, exitStatus: () => status };
}
