import { DEFAULT_CLI_HOST, DEFAULT_CLI_PORT } from './args.js';

/**
 * The text `runra-mock --help` prints.
 *
 * @example
 * ```ts
 * process.stdout.write(HELP_TEXT);
 * ```
 */
export const HELP_TEXT = `Usage: runra-mock [options]

Serves the offline mock of the Runra Sandboxes API over HTTP. Prints its URL on the
first line, then one line per request: METHOD PATH STATUS MILLISECONDS.

Options:
  -p, --port <n>                TCP port, 0 picks a free one (default ${DEFAULT_CLI_PORT})
      --host <host>             interface to bind (default ${DEFAULT_CLI_HOST}; 0.0.0.0 for all)
      --manual-clock            time moves only by POST /_mock/clock/advance {"ms": n}
      --boot-ms <n>             boot time of a new sandbox in ms (default 0: created running)
      --capacity-cpu <n>        compute capacity in vCPUs (default unlimited)
      --create-rate-limit <r>   creations per API key, COUNT/WINDOW: 10/60s, 10/m, 100/1h
                                (default unlimited)
      --seed <n>                deterministic sandbox and request ids
      --state-file <path>       load the state on start (if the file exists), save it on exit
                                (written to a temporary file, then renamed)
      --proxy <url>             verify an upstream instead of serving the mock: forward every
                                request to <url> unchanged and check each answer against the
                                contract and the reference machine (mock-only flags do not apply)
      --report <file>           with --proxy: write a JSON report of the findings at exit
      --fail-on-finding         with --proxy: exit with status 3 if anything was found
  -q, --quiet                   print only the URL, no request lines
  -h, --help                    print this help
  -v, --version                 print the version

Control routes: POST /_mock/reset, POST /_mock/clock/advance, GET /_mock/requests,
GET|PUT /_mock/state, POST /_mock/sandboxes/:id/activity; GET /openapi.json.
With --proxy: GET|DELETE /_mock/requests (findings per request), POST /_mock/reset,
GET /_mock/report; request lines end with their findings.
Stops on SIGINT or SIGTERM (state saved first). Exit status 2 on a bad command line.
`;
