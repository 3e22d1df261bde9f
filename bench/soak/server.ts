/**
 * Child process of `npm run soak`: the mock's Node server (`startMockServer`, as `runra-mock`
 * runs it), answering the load generator over loopback HTTP, and its parent over IPC with
 * the heap after a forced GC and the size of each store. Run with `--expose-gc`.
 *
 * Arguments: `--manual-clock` (a manual clock that is never advanced), `--limits <json>`. A
 * creation rate limit is set, high enough never to refuse, so its log is under soak too.
 */
import { parseArgs } from 'node:util';
import { startMockServer } from '../../mock-server/index.js';
import type { SoakMessage, SoakReply } from './protocol.js';

const { values } = parseArgs({
  options: { 'manual-clock': { type: 'boolean' }, limits: { type: 'string' } },
});
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('the soak server needs node --expose-gc');
const send = (reply: SoakReply) => process.send?.(reply);

const server = await startMockServer({
  port: 0,
  seed: 1,
  clock: values['manual-clock'] ? 'manual' : 'system',
  // High enough never to refuse a create, so the limiter's log is exercised without a 429.
  createRateLimit: { limit: 1_000_000, windowMs: 60_000 },
  ...(values.limits === undefined ? {} : { limits: JSON.parse(values.limits) }),
});

process.on('message', (message: SoakMessage) => {
  if (message.type === 'measure') {
    gc();
    gc();
    send({
      type: 'measured',
      heapUsed: process.memoryUsage().heapUsed,
      stores: { ...server.api.machine.storeSizes(), journalEntries: server.api.journal.entries().length },
    });
  } else if (message.type === 'stop') {
    server.close().then(() => process.exit(0));
  }
});
send({ type: 'ready', url: server.url });
