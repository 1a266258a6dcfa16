import { spawn, ChildProcess } from 'node:child_process';

export interface MockBroker {
  brokers: string[];
  pid: number;
  /** Freezes the broker (SIGSTOP): connections hang as in an outage, nothing is lost. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/**
 * Starts librdkafka's mock cluster through Debian's `kcat`: a Kafka-protocol broker that kafkajs
 * talks to, in memory, on a loopback port it prints in its log.
 */
export function startMockBroker(timeoutMs = 10_000): Promise<MockBroker> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(
        'kcat',
        [
          '-C',
          '-t',
          '__boot',
          '-X',
          'test.mock.num.brokers=1',
          '-d',
          'mock',
          '-b',
          'localhost:1',
          '-q',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`kcat mock broker did not start within ${timeoutMs} ms: ${log.slice(-500)}`),
      );
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start kcat (apt-get install -y kcat): ${e.message}`));
    });
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      const m = /bootstrap\.servers=([0-9.]+:\d+)/.exec(log);
      if (!m) return;
      clearTimeout(timer);
      child.stderr!.off('data', onData);
      child.stderr!.resume(); // keep draining its debug log so it never blocks on a full pipe
      log = '';
      resolve({
        brokers: [m[1]!],
        pid: child.pid!,
        pause: () => child.kill('SIGSTOP'),
        resume: () => child.kill('SIGCONT'),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGCONT');
            child.kill('SIGTERM');
          }),
      });
    };
    child.stderr!.on('data', onData);
  });
}
