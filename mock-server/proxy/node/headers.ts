/**
 * Headers that concern one connection, not the message (RFC 9110 §7.6.1): never forwarded.
 * `host` is replaced by the upstream's own; `content-length` and `transfer-encoding` are
 * Node's to write for the bytes it sends.
 */
const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The headers of a raw list (`rawHeaders`: name, value, name, value…) that a proxy
 * forwards: every one, in order and with repeats, but the hop-by-hop ones and those the
 * `Connection` header names; `host` replaced when `host` is given.
 *
 * @example
 * ```ts
 * forwardable(['Host', 'a', 'Connection', 'x-hop', 'X-Hop', '1', 'X-Keep', '2'], 'b:443');
 * // ['X-Keep', '2', 'host', 'b:443']
 * ```
 */
export function forwardable(raw: readonly string[], host?: string): string[] {
  const named = new Set<string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'connection') {
      for (const token of raw[i + 1]!.split(',')) named.add(token.trim().toLowerCase());
    }
  }
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || named.has(lower) || (host !== undefined && lower === 'host')) continue;
    out.push(name, raw[i + 1]!);
  }
  if (host !== undefined) out.push('host', host);
  return out;
}

/**
 * A raw header list as fetch `Headers` (for the checks); a header `Headers` refuses (an
 * invalid name or value) is left out.
 *
 * @example
 * ```ts
 * headersOf(['X-Request-Id', 'req_1']).get('x-request-id'); // 'req_1'
 * ```
 */
export function headersOf(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // Not representable as a fetch header: the checks do without it.
    }
  }
  return headers;
}
