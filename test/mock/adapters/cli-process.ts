import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A `runra-mock` started as a real process, its output collected line by line. */
export interface CliProcess {
  child: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the n-th stdout line (0-based) once it is printed. */
  line(n: number): Promise<string>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the CLI from source with Node and tsx (`RUNRA_MOCK_CLI=dist/cli.js` runs a built
 * binary instead), so signals reach the CLI itself and not a wrapper; `env` is added to
 * this process's environment.
 */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const entry = process.env.RUNRA_MOCK_CLI;
  const argv = entry ? [entry, ...args] : ['--import', 'tsx', 'mock-server/cli/main.ts', ...args];
  const child = spawn(process.execPath, argv, {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    lines.push(text);
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      for (const wake of waiters.splice(0)) wake();
      resolve({ code, signal });
    });
  });
  const line = async (n: number): Promise<string> => {
    while (lines.length <= n) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`runra-mock exited before printing line ${n}: ${err}`);
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    return lines[n] as string;
  };
  return { child, lines, stderr: () => err, line, exited };
}
