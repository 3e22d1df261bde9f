import { afterEach, describe, expect, it, vi } from 'vitest';
import { Runra, RunraError } from '../../src/index.js';
import { BASE_URL, fakeFetch, json, sandboxBody } from './helpers.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/** The error `new Runra(options)` throws. */
function refusal(options: ConstructorParameters<typeof Runra>[0]): RunraError {
  try {
    new Runra(options);
  } catch (error) {
    expect(error).toBeInstanceOf(RunraError);
    return error as RunraError;
  }
  throw new Error('the client was made');
}

describe('API key: checked when the client is made (issue 10, item 2)', () => {
  it.each([
    ['a line break', 'sk_live_SEC\nRET_abcdefghijk', 'U+000A'],
    ['a space', 'sk test', 'U+0020'],
    ['the docs’ ellipsis placeholder', 'sk_live_…', 'U+2026'],
    ['a trailing line break (read from a file)', 'sk_live_0123456789abcdef\n', 'U+000A'],
    ['a control character', 'sk_live_\u0000abc', 'U+0000'],
  ])('a key holding %s is INVALID_API_KEY, saying what and where, never the key', (_, key, char) => {
    const error = refusal({ apiKey: key, baseURL: BASE_URL });
    expect(error.code).toBe('INVALID_API_KEY');
    expect(error.message).toContain(char);
    expect(error.message).toContain('the apiKey option');
    expect(error.message).not.toContain(key.trim());
    expect(error.message).not.toContain('SEC');
    expect(error.message).not.toContain('\n');
  });

  it('a long key shows at most a masked form: its first 4 and last 3 characters', () => {
    const key = 'sk_live_0123456789\nabcdefXYZ';
    const error = refusal({ apiKey: key, baseURL: BASE_URL });
    expect(error.message).toContain('sk_l…XYZ');
    expect(error.message).not.toContain('0123');
  });

  it('a key from RUNRA_API_KEY names RUNRA_API_KEY', () => {
    vi.stubEnv('RUNRA_API_KEY', 'sk live secret');
    const error = refusal({ baseURL: BASE_URL });
    expect(error.code).toBe('INVALID_API_KEY');
    expect(error.message).toContain('RUNRA_API_KEY');
    expect(error.message).not.toContain('secret');
  });

  it('a printable key passes', () => {
    expect(() => new Runra({ apiKey: 'sk_test_AZaz09-._~+/=', baseURL: BASE_URL })).not.toThrow();
  });
});

describe('base URL: http and https only (issue 10, item 5)', () => {
  it.each([
    ['localhost:4010', 'RUNRA_BASE_URL'],
    ['ftp://files.example', 'RUNRA_BASE_URL'],
    ['https://user:pass@api.example', 'RUNRA_BASE_URL'],
    ['not a url', 'RUNRA_BASE_URL'],
  ])('RUNRA_BASE_URL=%s is INVALID_BASE_URL naming RUNRA_BASE_URL', (value, source) => {
    vi.stubEnv('RUNRA_BASE_URL', value);
    const error = refusal({ apiKey: 'sk_test_1' });
    expect(error.code).toBe('INVALID_BASE_URL');
    expect(error.message).toContain(source);
    expect(error.message).toContain(JSON.stringify(value));
  });

  it('the baseURL option is named as baseURL', () => {
    const error = refusal({ apiKey: 'sk_test_1', baseURL: 'localhost:4010' });
    expect(error.message).toMatch(/^baseURL must be an http\(s\) URL/);
  });

  it('http and https are accepted', () => {
    expect(new Runra({ apiKey: 'sk_test_1', baseURL: 'http://127.0.0.1:4010/' }).baseURL).toBe(
      'http://127.0.0.1:4010',
    );
    expect(new Runra({ apiKey: 'sk_test_1', baseURL: 'https://api.example' }).baseURL).toBe(
      'https://api.example',
    );
  });
});

/** Makes this process look like a browser page for one test. */
function asBrowserPage() {
  vi.stubGlobal('window', { document: {} });
  vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0' });
}

describe('browser safety', () => {
  it('in a browser page, a client aimed at the real API refuses without dangerouslyAllowBrowser', () => {
    asBrowserPage();
    const error = refusal({ apiKey: 'sk_test_1' });
    expect(error.code).toBe('BROWSER_NOT_ALLOWED');
    expect(error.message).toContain('dangerouslyAllowBrowser');
  });

  it('dangerouslyAllowBrowser, a custom fetch or a custom baseURL need no flag', () => {
    asBrowserPage();
    const { fetch } = fakeFetch(() => json(200, sandboxBody()));
    expect(() => new Runra({ apiKey: 'sk_test_1', dangerouslyAllowBrowser: true })).not.toThrow();
    expect(() => new Runra({ apiKey: 'sk_test_1', fetch })).not.toThrow();
    expect(() => new Runra({ apiKey: 'sk_test_1', baseURL: 'http://localhost:4010' })).not.toThrow();
  });

  it('outside a browser no flag is needed (Node, Deno, Bun, workers)', () => {
    expect(() => new Runra({ apiKey: 'sk_test_1' })).not.toThrow();
  });
});

describe('User-Agent', () => {
  it('outside browsers: runra-js/<version> and the runtime', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, sandboxBody()));
    await new Runra({ apiKey: 'sk_test_1', fetch }).sandboxes.get('sb_1');
    expect(seen[0]?.headers.get('user-agent')).toMatch(
      new RegExp(`^runra-js/\\S+ node/${process.versions.node.replaceAll('.', '\\.')}$`),
    );
  });

  it('in a browser page none is set: the browser sends its own', async () => {
    asBrowserPage();
    const { fetch, seen } = fakeFetch(() => json(200, sandboxBody()));
    await new Runra({ apiKey: 'sk_test_1', fetch }).sandboxes.get('sb_1');
    expect(seen[0]?.headers.has('user-agent')).toBe(false);
  });
});
