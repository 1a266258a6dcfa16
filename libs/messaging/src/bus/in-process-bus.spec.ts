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
});
