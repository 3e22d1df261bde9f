import type { VerifiedExchange } from '../proxy/verifier.js';
import { formatRequestLine } from './request-line.js';

/** How many findings a request line spells out (the rest are counted). */
const LISTED_FINDINGS = 3;
/** How long one finding's message may be in a request line. */
const MESSAGE_LENGTH = 160;

const shorten = (text: string): string =>
  text.length > MESSAGE_LENGTH ? `${text.slice(0, MESSAGE_LENGTH - 1)}…` : text;

/**
 * The proxy's request line: the mock's `METHOD PATH STATUS MSms`, then its findings, e.g.
 * `GET /v1/sandboxes/sb_… 200 1.4ms  FINDINGS 1: [shape] body.workdir: required by the contract, but missing`.
 * It holds no key: findings are scrubbed before they get here.
 *
 * @example
 * ```ts
 * formatProxyLine({ entry, allowances: [] });
 * ```
 */
export function formatProxyLine(verified: VerifiedExchange): string {
  const { entry } = verified;
  const line = formatRequestLine({
    method: entry.method,
    path: entry.path,
    status: entry.status,
    ms: entry.durationMs,
  });
  const findings = entry.findings ?? [];
  if (findings.length === 0) return line;
  const listed = findings
    .slice(0, LISTED_FINDINGS)
    .map((finding) => `[${finding.kind}] ${finding.path ?? ''}: ${shorten(finding.message)}`);
  const more = findings.length > LISTED_FINDINGS ? `; +${findings.length - LISTED_FINDINGS} more` : '';
  return `${line}  FINDINGS ${findings.length}: ${listed.join('; ')}${more}`;
}
