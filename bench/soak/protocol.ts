/** What the soak's load generator asks its server child over IPC. */
export type SoakMessage = { type: 'measure' } | { type: 'stop' };

/** How many entries each of the server's stores holds (`machine.storeSizes()` and the journal). */
export type StoreSizes = Record<string, number>;

/** What the soak's server child answers over IPC. */
export type SoakReply =
  | { type: 'ready'; url: string }
  | { type: 'measured'; heapUsed: number; stores: StoreSizes };
