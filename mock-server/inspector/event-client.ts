/**
 * How many bytes one page may have queued and unread before it is sent nothing more: it
 * gets a fresh snapshot once it has read them, instead of every delta it missed.
 */
export const CLIENT_BUFFER_BYTES = 256 * 1024;

/**
 * One page connected to `/_mock/ui/events`: a byte stream of server-sent events with a
 * bounded queue. A page that does not keep up is marked `behind` rather than buffered
 * without end; cancelling the stream (the page went away) calls `onGone` once.
 */
export class EventClient {
  readonly stream: ReadableStream<Uint8Array>;
  /** It missed a message: it needs a snapshot before any further delta. */
  behind = false;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #open = true;

  constructor(onGone: (client: EventClient) => void) {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        cancel: () => {
          this.#open = false;
          onGone(this);
        },
      },
      { highWaterMark: CLIENT_BUFFER_BYTES, size: (chunk) => chunk.byteLength },
    );
  }

  /** Whether it is open and has room for more. */
  hasRoom(): boolean {
    return this.#open && (this.#controller?.desiredSize ?? 0) > 0;
  }

  /** Queues `bytes`; when there is no room, sends nothing and marks the client `behind`. */
  send(bytes: Uint8Array): boolean {
    if (!this.hasRoom()) {
      this.behind = this.#open;
      return false;
    }
    this.#controller?.enqueue(bytes);
    return true;
  }

  /** Ends the stream (the server is closing). */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#controller?.close();
  }
}
