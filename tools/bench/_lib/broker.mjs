import { spawn } from 'node:child_process';

/**
 * librdkafka's in-memory mock cluster through `kcat` (as the tests' global setup starts it).
 * Resolves to its bootstrap address and a `stop()`; rejects when kcat is missing or silent.
 */
export function mockBroker() {
  return new Promise((resolve, reject) => {
    const child = spawn(
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
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('kcat printed no bootstrap.servers within 10 s'));
    }, 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    const onData = (chunk) => {
      log += chunk.toString();
      const m = /bootstrap\.servers=([0-9.]+:\d+)/.exec(log);
      if (!m) return;
      clearTimeout(timer);
      child.stderr.off('data', onData);
      child.stderr.resume();
      resolve({
        brokers: m[1],
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stderr.on('data', onData);
  });
}
