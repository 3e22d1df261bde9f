import { API_KEYS_ENV, DEFAULT_CLI_HOST, DEFAULT_CLI_PORT } from './args.js';

/**
 * The text `runra-mock --help` prints.
 *
 * @example
 * ```ts
 * process.stdout.write(HELP_TEXT);
 * ```
 */
export const HELP_TEXT = `Usage: runra-mock [options]
       npx -p runra runra-mock [options]    (where runra is not installed)

Serves the offline mock of the Runra Sandboxes API over HTTP. Prints its URL on the
first line, then one line per request: METHOD PATH STATUS MILLISECONDS. The inspector,
a live page of its sandboxes, clock, requests and faults, is at URL/_mock/ui (its
address is written to stderr at start).

Options:
  -p, --port <n>                TCP port, 0 picks a free one (default ${DEFAULT_CLI_PORT})
      --host <host>             interface to bind (default ${DEFAULT_CLI_HOST}: this machine only).
                                Any other address opens the mock AND its control plane to
                                that network (a warning is printed; see docs/security.md)
      --allow-host <name>       also answer requests addressed to this host name, e.g. a
                                docker-compose service (repeatable). IP addresses and
                                localhost always pass; others get 403 (DNS rebinding guard)
      --api-key <key>           accept only this API key, others get 401 (repeatable; shows
                                in ps: prefer ${API_KEYS_ENV} or --api-keys-file)
      --api-keys-file <path>    accept only the keys in this file, one a line (# comments)
      --manual-clock            time moves only by POST /_mock/clock/advance {"ms": n}
      --boot-ms <n>             boot time of a new sandbox in ms (default 0: created running)
      --capacity-cpu <n>        compute capacity in vCPUs (default unlimited)
      --create-rate-limit <r>   creations per API key, COUNT/WINDOW: 10/60s, 10/m, 100/1h
                                (default unlimited)
      --seed <n>                deterministic sandbox and request ids
      --state-file <path>       load the state on start (if the file exists), save it on exit
                                (mode 0600, through a temporary file renamed over it)
      --proxy <url>             verify an upstream instead of serving the mock: forward every
                                request to <url> unchanged and check each answer against the
                                contract and the reference machine (mock-only flags do not apply)
      --report <file>           with --proxy: write a JSON report of the findings at exit
      --fail-on-finding         with --proxy: exit with status 3 if anything was found
  -q, --quiet                   print only the URL: no request lines, no inspector line
  -h, --help                    print this help
  -v, --version                 print the version

Environment:
  ${API_KEYS_ENV}           accept only these API keys (separated by spaces or newlines)

Control routes, for this machine's tools only: no web page on another origin may call
them, and bodies must be sent as Content-Type: application/json.
  POST /_mock/reset                     back to the state at start
  GET /_mock/clock                      the mock's time
  POST /_mock/clock/advance             {"ms": n}: move a manual clock
  GET /_mock/faults                     the registered faults
  POST /_mock/faults                    register a fault rule
  DELETE /_mock/faults                  remove every fault
  DELETE /_mock/faults/:id              remove one
  GET /_mock/requests                   the request journal (keys masked)
  DELETE /_mock/requests                empty it
  GET /_mock/state                      the whole state (owners as digests, no API key)
  PUT /_mock/state                      load a snapshot
  POST /_mock/sandboxes/:id/activity    an execution request, as the caller's key
  GET /_mock/ui                         the inspector page (HTTP servers only)
  GET /_mock/ui/events                  its live feed (server-sent events)
  GET /_mock/ui/assets/:name            its script and styles
  GET /_mock/ui/sandboxes/:id           one sandbox's whole record, key masked
  GET /_mock/ui/requests/:id            one journal entry with its bodies
  GET /openapi.json                     the OpenAPI document of the API
With --proxy, only GET|DELETE /_mock/requests (each entry with its findings), POST /_mock/reset
and GET /_mock/report; every other request is forwarded, and request lines end with their
findings.

Stops on SIGINT or SIGTERM (state saved first, or the --report written). Exit status 2 on
a bad command line or an unusable --state-file or key file, 1 if the server cannot start,
3 with --fail-on-finding when the proxy found anything.
`;
