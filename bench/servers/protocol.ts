/** What a bench server child prints as its first stdout line, once it listens. */
export interface ServerReady {
  /** Base URL, e.g. `http://127.0.0.1:43210`. */
  url: string;
  /** The id of a sandbox the bench key owns (GET target). */
  sandboxId: string;
  /** The API key whose sandboxes are listed (10,000 of them on the mock). */
  apiKey: string;
}

/** The API key every bench request authenticates with. */
export const BENCH_API_KEY = 'sk_test_bench_0001';

/** How many sandboxes the listing key owns on the mock server. */
export const LISTED_SANDBOXES = 10_000;

/** Prints the ready line and exits cleanly (so `--cpu-prof` writes its profile) on SIGTERM/SIGINT. */
export function announce(ready: ServerReady, close: () => Promise<void> | void): void {
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
