import { readEnv } from './env.js';

/**
 * How much the client logs: `'off'`, or the lowest level shown.
 *
 * @example
 * ```ts
 * const level: LogLevel = 'debug'; // one line per attempt
 * ```
 */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/**
 * Where log lines go: any object with console's four methods (`console`, pino, winston…).
 *
 * @example
 * ```ts
 * const logger: Logger = { error: pino.error, warn: pino.warn, info: pino.info, debug: pino.debug };
 * ```
 */
export interface Logger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

/** Writes one line at a level; absent when logging is off, so a quiet client pays nothing. */
export type Log = (level: Exclude<LogLevel, 'off'>, line: string) => void;

const LEVELS: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

/**
 * The client's log function from its `logLevel` (else `RUNRA_LOG`, else off) and `logger`.
 * An unknown level is said once, as a warning, and logging stays off: a typo in an
 * environment variable must not stop an application.
 */
export function makeLog(option: LogLevel | undefined, logger: Logger = console): Log | undefined {
  const level = option ?? readEnv('RUNRA_LOG')?.toLowerCase();
  let rank = LEVELS.indexOf((level ?? 'off') as LogLevel);
  if (rank < 0) {
    logger.warn(
      `runra: ${option === undefined ? 'RUNRA_LOG' : 'logLevel'} ${JSON.stringify(level)} is not ${LEVELS}: not logging`,
    );
    rank = 0;
  }
  return rank > 0
    ? (at, line) => {
        if (LEVELS.indexOf(at) <= rank) logger[at](`runra: ${line}`);
      }
    : undefined;
}
