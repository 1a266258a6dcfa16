import { AppMetrics } from './app-metrics';
import { collectedGauge } from './collected-gauge';

/** The sample lines of a scrape (no HELP/TYPE comments). */
const samples = (text: string): string[] =>
  text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

describe('AppMetrics', () => {
  it("keeps each app's series to itself when several apps share the process (npm start)", async () => {
    const users = new AppMetrics('users');
    const webhooks = new AppMetrics('webhooks');
    users.counter({ name: 'things_total', help: 'things' }).inc(3);
    webhooks.counter({ name: 'things_total', help: 'things' }).inc(5);
    webhooks.counter({ name: 'only_webhooks_total', help: 'x' }).inc();

    const a = await users.scrape();
    const b = await webhooks.scrape();
    expect(samples(a)).toContain('things_total{service="users"} 3');
    expect(samples(b)).toContain('things_total{service="webhooks"} 5');
    expect(a).not.toContain('only_webhooks_total');
    expect(a).not.toContain('service="webhooks"');
  });

  it("appends the process's runtime series, once, without a service label", async () => {
    const text = await new AppMetrics('audit').scrape();
    const cpu = samples(text).filter((l) => l.startsWith('process_cpu_user_seconds_total'));
    expect(cpu).toHaveLength(1);
    expect(cpu[0]).toMatch(/^process_cpu_user_seconds_total \d/);
    expect(text.match(/^# TYPE nodejs_eventloop_lag_seconds gauge$/gm)).toHaveLength(1);
  });

  it('gives back the series already declared under a name instead of failing', () => {
    const metrics = new AppMetrics('oauth');
    const first = metrics.counter({ name: 'x_total', help: 'x', labelNames: ['a'] });
    expect(metrics.counter({ name: 'x_total', help: 'x', labelNames: ['a'] })).toBe(first);
  });
});

describe('collectedGauge', () => {
  it('reads at scrape time, and drops the series when a read fails instead of failing the scrape', async () => {
    const metrics = new AppMetrics('webhooks');
    let backlog: number | Error = 7;
    collectedGauge(metrics, { name: 'backlog', help: 'b', labelNames: ['kind'] }, () => {
      if (backlog instanceof Error) throw backlog;
      return [{ labels: { kind: 'due' }, value: backlog }];
    });
    expect(samples(await metrics.scrape())).toContain('backlog{kind="due",service="webhooks"} 7');
    backlog = 2;
    expect(samples(await metrics.scrape())).toContain('backlog{kind="due",service="webhooks"} 2');
    backlog = new Error('database down');
    const text = await metrics.scrape();
    expect(text).toContain('# TYPE backlog gauge');
    expect(samples(text).filter((l) => l.startsWith('backlog'))).toEqual([]);
  });
});
