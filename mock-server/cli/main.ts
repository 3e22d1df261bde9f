#!/usr/bin/env node
/**
 * The `runra-mock` binary: `runra-mock --help` lists its flags.
 *
 * @module
 */
import packageJson from '../../package.json' with { type: 'json' };
import { runCli } from './run.js';

const output = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
};

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function main(): Promise<void> {
  const outcome = await runCli(process.argv.slice(2), output, packageJson.version);
  if ('exitCode' in outcome) {
    process.exitCode = outcome.exitCode;
    return;
  }
  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) {
      output.err(`runra-mock: ${signal} again, exiting without waiting\n`);
      process.exit(1);
    }
    signalled = true;
    outcome.stop().then(
      () => process.exit('exitStatus' in outcome ? outcome.exitStatus() : 0),
      (error: unknown) => {
        output.err(`runra-mock: could not save the state: ${describe(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  output.err(`runra-mock: ${describe(error)}\n`);
  process.exit(1);
});
