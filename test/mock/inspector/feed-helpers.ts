import type { Inspector } from '../../../mock-server/inspector/index.js';
import type { InspectorDelta, InspectorSnapshot } from '../../../mock-server/inspector/wire.js';

/** One server-sent event as the page's EventSource would see it (`comment` for a `:` line). */
export type FeedEvent =
  | { event: 'snapshot'; data: InspectorSnapshot; bytes: number }
  | { event: 'delta'; data: InspectorDelta; bytes: number }
  | { event: 'comment'; data: string; bytes: number }
  | { event: 'retry'; data: string; bytes: number };

/** A macrotask later (real time): whatever the feed had queued has been read by then. */
const idle = () => new Promise<'idle'>((resolve) => setImmediate(() => resolve('idle')));

/**
 * Opens the inspector's feed and reads it like a page: `take()` returns the events queued
 * so far, without waiting for more; `close()` cancels the stream (the page went away).
 */
export function openFeed(inspector: Inspector, method = 'GET') {
  const response = inspector.serve({
    route: 'events',
    param: '',
    request: new Request('http://127.0.0.1/_mock/ui/events', { method }),
    scope: { requestId: 'req_feedtest' },
  }) as Response;
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let text = '';
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  const take = async (): Promise<FeedEvent[]> => {
    if (!reader) return [];
    for (;;) {
      pending ??= reader.read();
      const result = await Promise.race([pending, idle()]);
      if (result === 'idle') break;
      pending = undefined;
      if (result.done) break;
      const chunk = decoder.decode(result.value, { stream: true });
      buffer += chunk;
      text += chunk;
    }
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop() ?? '';
    return blocks.map((block): FeedEvent => {
      const bytes = new TextEncoder().encode(`${block}\n\n`).byteLength;
      if (block.startsWith(':')) return { event: 'comment', data: block.slice(1).trim(), bytes };
      if (block.startsWith('retry:')) return { event: 'retry', data: block.slice(6).trim(), bytes };
      const name = /^event: (\w+)$/m.exec(block)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
      return { event: name, data, bytes } as FeedEvent;
    });
  };
  return {
    response,
    take,
    /** Everything received so far, as text. */
    text: () => text,
    close: () => reader?.cancel(),
  };
}
