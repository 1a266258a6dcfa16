import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { Consumer } from 'kafkajs';
import { ConsumerSupervisor, type ConsumerRecovery } from './consumer-supervisor';

/** Just enough of a kafkajs consumer: its instrumentation events and disconnect. */
class FakeConsumer extends EventEmitter {
  readonly events = { FETCH_START: 'fetch_start', CRASH: 'crash' };
  disconnected = false;
  disconnect(): Promise<void> {
    this.disconnected = true;
    return Promise.resolve();
  }
  crash(restart: boolean): void {
    this.emit('crash', { payload: { error: new Error('UNKNOWN_MEMBER_ID'), restart } });
  }
  fetch(): void {
    this.emit('fetch_start', {});
  }
}

const FAST: ConsumerRecovery = {
  checkEveryMs: 10,
  stallAfterMs: 150,
  disconnectTimeoutMs: 50,
  maxBackoffMs: 20,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function supervise(runOutcomes: (() => Promise<void>)[] = []) {
  const made: FakeConsumer[] = [];
  const ran: FakeConsumer[] = [];
  const supervisor = new ConsumerSupervisor(
    'test',
    () => {
      const c = new FakeConsumer();
      made.push(c);
      return c as unknown as Consumer;
    },
    (c) => {
      ran.push(c as unknown as FakeConsumer);
      return (runOutcomes.shift() ?? (() => Promise.resolve()))();
    },
    FAST,
  );
  return { supervisor, made, ran };
}

async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(5);
  }
}

describe('ConsumerSupervisor', () => {
  // It reports each replacement; here the crashes are made on purpose, and their reports would
  // read as trouble in the test run's output.
  beforeEach(() => {
    for (const level of ['log', 'warn'] as const)
      jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('replaces a consumer that crashed for good, and leaves one kafkajs restarts itself', async () => {
    const { supervisor, made, ran } = supervise();
    await supervisor.start();
    made[0]!.fetch();
    made[0]!.crash(true);
    await sleep(30);
    expect(made).toHaveLength(1);

    made[0]!.crash(false);
    await until(() => ran.length === 2);
    expect(made[0]!.disconnected).toBe(true);
    expect(ran[1]).toBe(made[1]);
    await supervisor.stop();
  });

  it('replaces a consumer that stops fetching, but not one that keeps fetching or making progress', async () => {
    const { supervisor, made, ran } = supervise();
    await supervisor.start();
    const alive = setInterval(() => made[0]!.fetch(), 20);
    await sleep(400);
    clearInterval(alive);
    expect(ran).toHaveLength(1);

    const busy = setInterval(() => supervisor.progress(), 20);
    await sleep(400);
    clearInterval(busy);
    expect(ran).toHaveLength(1);

    await until(() => ran.length === 2);
    expect(made[0]!.disconnected).toBe(true);
    await supervisor.stop();
  });

  it('keeps trying while the broker is away, and ignores events of the consumer it replaced', async () => {
    const down = () => Promise.reject(new Error('connect ECONNREFUSED'));
    const { supervisor, made, ran } = supervise([() => Promise.resolve(), down, down]);
    await supervisor.start();
    made[0]!.crash(false);
    await until(() => ran.length === 4);
    expect(made.slice(1, 3).every((c) => c.disconnected)).toBe(true);

    made[0]!.crash(false); // a late event from the first consumer
    made[1]!.crash(false);
    await sleep(50);
    expect(ran).toHaveLength(4);
    await supervisor.stop();
    expect(made[3]!.disconnected).toBe(true);
  });

  it('stops for good: no replacement after stop()', async () => {
    const { supervisor, made, ran } = supervise();
    await supervisor.start();
    await supervisor.stop();
    made[0]!.crash(false);
    await sleep(300);
    expect(ran).toHaveLength(1);
  });
});
