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
first line, then one line per request: METHOD PATH STATUS MILLISECONDS. The inspector,
a live page of its sandboxes, clock, requests and faults, is at URL/_mock/ui (its
address is written to stderr at start).

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
  -q, --quiet                   print only the URL: no request lines, no inspector line
  -h, --help                    print this help
  -v, --version                 print the version

Control routes: POST /_mock/reset, POST /_mock/clock/advance, GET /_mock/requests,
GET|PUT /_mock/state, POST /_mock/sandboxes/:id/activity; GET /openapi.json.
Stops on SIGINT or SIGTERM (state saved first). Exit status 2 on a bad command line.
`;
