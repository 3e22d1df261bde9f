/**
 * The longest body a journal entry keeps, in characters (UTF-16 code units): a sandbox, an
 * error envelope or a create body fits whole; a long list page is cut.
 */
export const JOURNAL_BODY_MAX_CHARS = 8 * 1024;

/**
 * A request or response body as the journal keeps it.
 *
 * @example
 * ```ts
 * const body: JournalBody = { text: '{"image":"node:22"}' };
 * const cut: JournalBody = { text: '{"data":[…', truncatedFrom: 31_250 };
 * ```
 */
export interface JournalBody {
  /** The body's text, or its first 8,192 characters (`JOURNAL_BODY_MAX_CHARS`). */
  text: string;
  /** Set when the text was cut: the body's whole length, in characters. */
  truncatedFrom?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A body for the journal: none for an empty one, whole when short, else its head marked
 * truncated. The head is a fresh copy (a plain `slice` may keep the whole text alive), and
 * never ends in half a surrogate pair.
 */
export function journalBody(text: string | undefined): JournalBody | undefined {
  if (text === undefined || text === '') return undefined;
  if (text.length <= JOURNAL_BODY_MAX_CHARS) return { text };
  let end = JOURNAL_BODY_MAX_CHARS;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: decoder.decode(encoder.encode(text.slice(0, end))), truncatedFrom: text.length };
}
