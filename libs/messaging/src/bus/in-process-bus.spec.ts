import type { EventEnvelope } from '@platform/contracts';
import type { OutgoingEvent } from '../transport';
import { InProcessBus } from './in-process-bus';

const ev = (subject: string, n: number, type = 'thing.happened'): OutgoingEvent => ({
  topic: 'platform.things',
  id: `${subject}-${n}`,
  type,
  source: '/platform/test',
  time: new Date(0).toISOString(),
  subject,
  data: { n },
});

describe('InProcessBus', () => {
  it('delivers nothing before start()', async () => {
    const bus = new InProcessBus();
    bus.register('a', ['thing.happened'], () => Promise.resolve());
    expect(bus.isStarted).toBe(false);
    await expect(bus.publish([ev('s', 1)])).rejects.toThrow(/before start/);
  });

  it('delivers to every subscribed group, in order per subject, and only to subscribers', async () => {
    const bus = new InProcessBus();
    const seen: Record<string, string[]> = { a: [], b: [], c: [] };
    const record = (g: string) => async (_t: string, e: EventEnvelope<unknown>) => {
      await new Promise((r) => setTimeout(r, Math.random() * 3)); // interleave lanes
      seen[g]!.push(e.id);
    };
    bus.register('a', ['thing.happened'], record('a'));
    bus.register('b', ['thing.happened', 'other'], record('b'));
    bus.register('c', ['other'], record('c'));
    await bus.start();
    const events = [1, 2, 3, 4, 5].flatMap((n) => [ev('x', n), ev('y', n), ev('z', n)]);
    await bus.publish(events);
    for (const g of ['a', 'b']) {
      expect(seen[g]).toHaveLength(15);
      for (const s of ['x', 'y', 'z']) {
        expect(seen[g]!.filter((id) => id.startsWith(s))).toEqual(
          [1, 2, 3, 4, 5].map((n) => `${s}-${n}`),
        );
      }
    }
    expect(seen['c']).toEqual([]);
  });

  it('resolves only after every group processed, and fails when one group fails', async () => {
    const bus = new InProcessBus();
    let slowDone = false;
    bus.register('slow', ['thing.happened'], async () => {
      await new Promise((r) => setTimeout(r, 30));
      slowDone = true;
    });
    bus.register('broken', ['thing.happened'], () => Promise.reject(new Error('db down')));
    await bus.start();
    await expect(bus.publish([ev('s', 1)])).rejects.toThrow('db down');
    expect(slowDone).toBe(true);
  });

  it('stops a subject at its first failure so later events of it are not delivered early', async () => {
    const bus = new InProcessBus();
    const seen: string[] = [];
    bus.register('g', ['thing.happened'], (_t, e) => {
      if (e.id === 's-2') return Promise.reject(new Error('boom'));
      seen.push(e.id);
      return Promise.resolve();
    });
    await bus.start();
    await expect(bus.publish([ev('s', 1), ev('s', 2), ev('s', 3), ev('t', 1)])).rejects.toThrow(
      'boom',
    );
    expect(seen.sort()).toEqual(['s-1', 't-1']);
  });

  it('hands a group that takes batches its events in publish order, 100 at a time, beside one-at-a-time groups', async () => {
    const bus = new InProcessBus();
    const batches: string[][] = [];
    const single: string[] = [];
    bus.register('single', ['thing.happened'], (_t, e) => {
      single.push(e.id);
      return Promise.resolve();
    });
    bus.register('batched', ['thing.happened'], () => Promise.reject(new Error('not one by one')), {
      batchable: () => true,
      deliver: (events) => {
        batches.push(events.map((e) => e.id));
        return Promise.resolve();
      },
    });
    await bus.start();
    const events = Array.from({ length: 150 }, (_, n) => ev(n % 2 ? 'x' : 'y', n));
    await bus.publish(events);
    expect(batches.map((b) => b.length)).toEqual([100, 50]);
    expect(batches.flat()).toEqual(events.map((e) => e.id));
    expect(single.sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('sends a publication one event at a time to a batch group when one of its events is not batchable', async () => {
    const bus = new InProcessBus();
    const one: string[] = [];
    bus.register(
      'g',
      ['thing.happened', 'other'],
      (_t, e) => {
        one.push(e.id);
        return Promise.resolve();
      },
      {
        batchable: (e) => e.type !== 'other',
        deliver: () => Promise.reject(new Error('not in batches')),
      },
    );
    await bus.start();
    await bus.publish([ev('s', 1), ev('s', 2, 'other'), ev('s', 3)]);
    expect(one).toEqual(['s-1', 's-2', 's-3']);
  });
});
