import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ServerReady } from '../servers/protocol.js';
import { pinnedCommand } from './pinning.js';

/** A bench server running in its own process, so load generation never shares its CPU time slice. */
export interface ChildServer extends ServerReady {
  /** Stops it (SIGTERM, so a requested CPU profile is written) and waits for its exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node [nodeArgs] script` and waits for its ready line (see servers/protocol.ts).
 * `env` is added to the current environment.
 */
export function startChild(
  script: string,
  options: { nodeArgs?: string[]; env?: Record<string, string>; timeoutMs?: number; cpu?: number } = {},
): Promise<ChildServer> {
  const prefix = options.cpu === undefined ? [] : pinnedCommand(options.cpu);
  const nodeArgs = ['--import', 'tsx', ...(options.nodeArgs ?? []), script];
  const command = prefix[0] ?? process.execPath;
  const args = prefix.length > 0 ? [...prefix.slice(1), process.execPath, ...nodeArgs] : nodeArgs;
  const child: ChildProcess = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...options.env },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not get ready`));
    }, options.timeoutMs ?? 120_000);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const ready = JSON.parse(line) as ServerReady;
      resolve({
        ...ready,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/** Runs a command's process to its end, its output piped to ours; rejects on a non-zero exit. */
export function runToEnd(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`))));
  });
}
