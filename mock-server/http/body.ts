import { LIMITS } from '../../src/schemas/index.js';
import type { DomainError } from '../machine/types.js';

/** A body as read: its text, or why it was refused. */
export type BodyRead = { ok: true; text: string } | { ok: false; error: DomainError };

const tooLarge = (): BodyRead => ({
  ok: false,
  error: {
    code: 'PAYLOAD_TOO_LARGE',
    message: `Request body exceeds ${LIMITS.maxBodyBytes} bytes`,
    details: { maxBytes: LIMITS.maxBodyBytes },
  },
});

/** The text {@link readBody} read from each request, for the journal. */
const texts = new WeakMap<Request, string>();

/**
 * The body text {@link readBody} read from this request, if it read one whole.
 *
 * @example
 * ```ts
 * const text = bodyTextOf(request); // '{"image":"node:22"}'
 * ```
 */
export const bodyTextOf = (request: Request): string | undefined => texts.get(request);

const invalid = (message: string): BodyRead => ({ ok: false, error: { code: 'INVALID_REQUEST', message } });

/**
 * Reads a body, counting the bytes actually received (a lying or absent
 * `Content-Length` cannot slip past the limit) and stopping as soon as it is exceeded.
 * Bytes must be UTF-8.
 */
export async function readBody(request: Request, maxBytes: number = LIMITS.maxBodyBytes): Promise<BodyRead> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > maxBytes) return tooLarge();
  if (request.body === null) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Not awaited: on a tee'd body (a cloned Request, as ky sends) cancel() settles only
      // once the other branch is cancelled too, which would leave this request unanswered.
      reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  const bytes = chunks.length === 1 ? chunks[0]! : concat(chunks, size);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    texts.set(request, text);
    return { ok: true, text };
  } catch {
    return invalid('Request body is not valid UTF-8');
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** A parsed JSON object body, or why not (empty, malformed, not an object). */
export type JsonObjectRead = { ok: true; body: Record<string, unknown> } | { ok: false; error: DomainError };

/** Parses a body that must be one JSON object. */
export function parseJsonObject(text: string): JsonObjectRead {
  if (text.trim() === '')
    return {
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'Request body is empty: a JSON object is required' },
    };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: 'Request body is not valid JSON',
        details: { reason: error instanceof Error ? error.message : String(error) },
      },
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return {
      ok: false,
      error: { code: 'INVALID_REQUEST', message: `Request body must be a JSON object, got ${kind}` },
    };
  }
  return { ok: true, body: value as Record<string, unknown> };
}
