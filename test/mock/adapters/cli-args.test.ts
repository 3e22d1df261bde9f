import { describe, expect, it } from 'vitest';
import {
  CliUsageError,
  DEFAULT_CLI_HOST,
  DEFAULT_CLI_PORT,
  parseCliArgs,
  parseRateLimit,
} from '../../../mock-server/cli/args.js';
import { formatRequestLine } from '../../../mock-server/cli/request-line.js';

const run = (...argv: string[]) => {
  const command = parseCliArgs(argv);
  if (command.kind !== 'run') throw new Error(`expected a run command, got ${command.kind}`);
  return command.options;
};

describe('cli args: runra-mock command line', () => {
  it('defaults: port 4010 on loopback, system clock, verbose, nothing else set', () => {
    expect(run()).toEqual({
      port: DEFAULT_CLI_PORT,
      host: DEFAULT_CLI_HOST,
      allowHosts: [],
      manualClock: false,
      quiet: false,
    });
    expect(DEFAULT_CLI_PORT).toBe(4010);
  });

  it('reads every flag into its option', () => {
    expect(
      run(
        '--port=0',
        '--host',
        '0.0.0.0',
        '--manual-clock',
        '--boot-ms',
        '5000',
        '--capacity-cpu',
        '16',
        '--create-rate-limit',
        '10/60s',
        '--seed',
        '42',
        '--state-file',
        'state.json',
        '--allow-host',
        'mock',
        '--allow-host=mock.internal',
        '--api-key',
        'sk_test_a',
        '--api-key',
        'sk_test_b',
        '--api-keys-file',
        'keys.txt',
        '-q',
      ),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      allowHosts: ['mock', 'mock.internal'],
      apiKeys: ['sk_test_a', 'sk_test_b'],
      apiKeysFile: 'keys.txt',
      manualClock: true,
      bootMs: 5000,
      capacityCpu: 16,
      createRateLimit: { limit: 10, windowMs: 60_000 },
      seed: 42,
      stateFile: 'state.json',
      quiet: true,
    });
  });

  it('--help and --version win over every other flag', () => {
    expect(parseCliArgs(['--port', '1', '--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' });
  });

  it.each([
    [['--bogus'], /bogus/],
    [['--port', 'abc'], /--port must be an integer between 0 and 65535 \(got "abc"\)/],
    [['--port', '65536'], /--port/],
    [['--port', '1.5'], /--port/],
    [['--boot-ms', '-5'], /boot-ms/],
    [['--capacity-cpu', '2x'], /--capacity-cpu must be an integer >= 0/],
    [['--seed', ''], /--seed/],
    [['--create-rate-limit', '10'], /COUNT\/WINDOW/],
    [['--create-rate-limit', '0/1m'], /COUNT >= 1/],
    [['--state-file', ''], /--state-file must not be empty/],
    [['--host', ''], /--host must not be empty/],
    [['--port'], /port/],
    [['--port', '-1'], /^--port must be an integer between 0 and 65535 \(got "-1"\)$/],
    [['-p', '-80'], /^--port must be an integer between 0 and 65535 \(got "-80"\)$/],
    [['--seed', '-3'], /^--seed must be an integer >= 0 \(got "-3"\)$/],
    [['--allow-host', 'mock:4010'], /--allow-host must be a host name without port/],
    [['--api-keys-file', ''], /--api-keys-file must not be empty/],
    [['extra'], /extra/],
  ])('refuses %j with a usage error naming the problem', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('a malformed --api-key is refused by its position, never printed', () => {
    const key = 'sk_live secret with spaces';
    let message = '';
    try {
      parseCliArgs(['--api-key', 'sk_ok', '--api-key', key]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      '--api-key number 2 is not a well-formed API key: 1-256 visible ASCII characters, no spaces (the key is not shown)',
    );
    expect(message).not.toContain('secret');
  });

  it.each([
    ['10/60s', 10, 60_000],
    ['10/s', 10, 1000],
    ['10/m', 10, 60_000],
    ['100/1h', 100, 3_600_000],
    ['5/250ms', 5, 250],
    [' 3/2m ', 3, 120_000],
  ])('create rate limit %j is %i per %i ms', (raw, limit, windowMs) => {
    expect(parseRateLimit(raw)).toEqual({ limit, windowMs });
  });

  it('request lines: METHOD PATH STATUS MS, and "dropped" for a dropped connection', () => {
    expect(formatRequestLine({ method: 'GET', path: '/v1/sandboxes?limit=5', status: 200, ms: 1.26 })).toBe(
      'GET /v1/sandboxes?limit=5 200 1.3ms',
    );
    expect(formatRequestLine({ method: 'POST', path: '/v1/sandboxes', status: null, ms: 0.04 })).toBe(
      'POST /v1/sandboxes dropped 0.0ms',
    );
  });
});
