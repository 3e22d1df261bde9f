import { describe, expect, it } from 'vitest';
import { Histories } from '../../../mock-server/inspector/history.js';
import { ManualClock } from '../../../mock-server/machine/clock.js';
import { Machine } from '../../../mock-server/machine/machine.js';

const KEY = 'sk_test_history_0001';
const T0 = Date.parse('2026-06-15T10:30:00.000Z');

/** A machine whose every change is told to a `Histories`, as the inspector's hub does. */
function watched(options: { bootMs?: number } = {}) {
  const clock = new ManualClock(T0);
  const machine = new Machine({ clock, ...options });
  const histories = new Histories();
  machine.observe({ changed: (record) => histories.note(record), replaced: () => undefined });
  const story = (id: string) => {
    const record = [...machine.records()].find((r) => r.id === id);
    if (!record) throw new Error(`no ${id}`);
    return histories.events(record).map((e) => `${e.kind}@${(e.at - T0) / 1000}`);
  };
  const create = (body: object) => {
    const created = machine.create(KEY, { image: 'node:22', ...body });
    if (!created.ok) throw new Error(created.error.message);
    return created.value.id;
  };
  return { clock, machine, story, create };
}

describe('inspector history: what happened to each sandbox, and when', () => {
  it('an idle timer firing is an auto-pause; a pause command is a pause', () => {
    const { clock, machine, story, create } = watched();
    const idle = create({ idleTimeoutMs: 60_000 });
    const paused = create({});
    clock.advance(10_000);
    machine.pause(KEY, paused);
    clock.advance(50_000);
    machine.usage(); // settles timers
    expect(story(idle)).toEqual(['created@0', 'started@0', 'auto-paused@60']);
    expect(story(paused)).toEqual(['created@0', 'started@0', 'paused@10']);
  });

  it('the lifetime ending is an expiry; a terminate command is a terminate', () => {
    const { clock, machine, story, create } = watched();
    const expiring = create({ timeoutMs: 90_000, idleTimeoutMs: 0 });
    const stopped = create({});
    clock.advance(5_000);
    machine.terminate(KEY, stopped);
    clock.advance(300_000);
    machine.usage();
    expect(story(expiring)).toEqual(['created@0', 'started@0', 'expired@90']);
    expect(story(stopped)).toEqual(['created@0', 'started@0', 'terminated@5']);
  });

  it('activity, resume, boot: each at its instant, in order, with a timer chain in one advance', () => {
    const { clock, machine, story, create } = watched({ bootMs: 2_000 });
    const id = create({ idleTimeoutMs: 30_000, timeoutMs: 200_000 });
    clock.advance(12_000);
    machine.activity(KEY, id);
    clock.advance(40_000); // idle deadline at 42 s
    machine.resume(KEY, id);
    clock.advance(500_000); // idle at 82 s, then the lifetime ends at 200 s
    machine.usage();
    expect(story(id)).toEqual([
      'created@0',
      'started@2',
      'activity@12',
      'auto-paused@42',
      'resumed@52',
      'auto-paused@82',
      'expired@200',
    ]);
  });

  it('a sandbox loaded from a snapshot: its story is read from its timestamps', () => {
    const { machine, story } = watched();
    machine.importState({
      version: 1,
      now: '2026-06-15T10:40:00.000Z',
      sandboxes: [
        {
          apiKey: KEY,
          id: 'sb_aaaaaaaaaaaaaaaaa',
          state: 'paused',
          image: 'node:22',
          idleTimeoutMs: 60_000,
          timeoutMs: 3_600_000,
          createdAt: '2026-06-15T10:30:00.000Z',
          startedAt: '2026-06-15T10:30:00.000Z',
          pausedAt: '2026-06-15T10:31:00.000Z',
        },
      ],
    });
    expect(story('sb_aaaaaaaaaaaaaaaaa')).toEqual(['created@0', 'started@0', 'auto-paused@60']);
  });

  it('keeps the first event and the latest ones once a sandbox has many', () => {
    const { clock, machine, story, create } = watched();
    const id = create({ idleTimeoutMs: 0 });
    for (let i = 0; i < 100; i++) {
      clock.advance(1_000);
      machine.activity(KEY, id);
    }
    const events = story(id);
    expect(events).toHaveLength(64);
    expect(events[0]).toBe('created@0');
    expect(events.at(-1)).toBe('activity@100');
  });
});
