/**
 * The server's defence against DNS rebinding (decision 0304): a page on `evil.example` whose
 * name is made to resolve to 127.0.0.1 talks to the mock as its own origin, so the control
 * plane's origin check lets it in. Its requests still say `Host: evil.example`, though, and
 * that is what is checked here, on every path, before the mock sees the request.
 */

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The host name of a `Host` header (no port, lower case, no trailing dot; an IPv6 literal
 * keeps its brackets).
 */
function hostName(header: string): string {
  const host = header.trim().toLowerCase();
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** Names that only ever mean this machine: no DNS answer can make them point elsewhere. */
const isLoopbackName = (name: string): boolean => name === 'localhost' || name.endsWith('.localhost');

/**
 * Whether a bind address keeps the server to this machine (`127.0.0.0/8`, `::1`, `localhost`).
 *
 * @example
 * ```ts
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false: every interface
 * ```
 */
export function isLoopbackHost(host: string): boolean {
  const name = hostName(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  return isLoopbackName(name) || /^127\./.test(name) || name === '[::1]';
}

/**
 * A check of the `Host` header of each request. Allowed: no `Host` (HTTP/1.0 clients; no
 * browser), an IP address (rebinding needs a name), `localhost` and `*.localhost`, the name
 * the server was bound to, and the names in `allowedHosts` (`'*'` allows any host: the check
 * is off).
 *
 * @example
 * ```ts
 * const allowed = hostCheck('127.0.0.1', ['mock']);
 * allowed('mock:4010'); // true
 * allowed('evil.example:4010'); // false
 * ```
 */
export function hostCheck(
  boundHost: string,
  allowedHosts: readonly string[],
): (host: string | undefined) => boolean {
  if (allowedHosts.includes('*')) return () => true;
  const names = new Set(allowedHosts.map(hostName));
  names.add(hostName(boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost));
  const allowed = (host: string): boolean => {
    const name = hostName(host);
    return IPV4.test(name) || name.startsWith('[') || isLoopbackName(name) || names.has(name);
  };
  // Clients send the same Host on every request: the last answer is remembered.
  let lastHost: string | undefined;
  let lastAnswer = true;
  return (host) => {
    if (host === undefined) return true;
    if (host !== lastHost) {
      lastAnswer = allowed(host);
      lastHost = host;
    }
    return lastAnswer;
  };
}
