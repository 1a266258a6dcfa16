import { SpanKind } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { startTracing, stopTracing } from '@platform/tracing';
import {
  as,
  CONTEXT,
  licenseCreated,
  startReceiver,
  subscriptionBody,
  waitFor,
  type Receiver,
  webhooksSuite,
} from './harness';

/*
 * The webhooks service's part of spec §9. Metrics: deliveries by outcome with their latency,
 * subscriptions by status (the disabled ones), the consumer's events, the pool. Tracing: a
 * delivery keeps the trace context of its event, each attempt is a span continuing it, and the
 * POST to the receiver is that span's child and sends it `traceparent` (spans in memory).
 */

const exporter = new InMemorySpanExporter();
/** An upstream context, as the relay of the service that published the event would send it. */
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PUBLISH_SPAN = '00f067aa0ba902b7';

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([\w:]+)\{(.*)\} (\S+)$/.exec(line);
    if (m?.[1] === name && Object.entries(labels).every(([k, v]) => m[2]!.includes(`${k}="${v}"`)))
      return Number(m[3]);
  }
  return undefined;
}

describe('webhooks: delivery metrics and traces', () => {
  const receivers: Receiver[] = [];

  // Tracing starts before the suite's app boots and stops after it closes (Jest runs the
  // beforeAll and afterAll hooks in the order they are declared).
  beforeAll(() => {
    startTracing('webhooks-test', { spanProcessors: [new SimpleSpanProcessor(exporter)] });
  });
  const suite = webhooksSuite('webhooks_telemetry', { env: { WEBHOOKS_RETRY_SCHEDULE: '1h' } });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await stopTracing();
  });

  async function subscribe(status: number, entity: string): Promise<Receiver> {
    const receiver = await startReceiver((_r, res) => res.writeHead(status).end());
    receivers.push(receiver);
    const res = await suite.hooks.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: await as({ context: { ...CONTEXT, entity } }),
      payload: subscriptionBody(`${receiver.url}/hook`),
    });
    expect(res.statusCode).toBe(201);
    return receiver;
  }

  const scrape = async (): Promise<string> => {
    const res = await suite.hooks.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  it('continues the event trace in each attempt, and the receiver gets its traceparent', async () => {
    const receiver = await subscribe(204, 'ent-traced');
    const event = {
      ...licenseCreated('ent-traced'),
      traceparent: `00-${TRACE}-${PUBLISH_SPAN}-01`,
    };
    await suite.hooks.bus.publish([event]);
    const got = await waitFor(() => receiver.received[0], 10_000, 'the delivery');

    const spans = (): ReadableSpan[] =>
      exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === TRACE);
    const find = (name: string) => spans().find((s) => s.name === name);
    await waitFor(() => find('webhook deliver license.created'), 10_000, 'the delivery span');
    const processSpan = find('process license.created')!;
    const deliver = find('webhook deliver license.created')!;
    const post = spans().find(
      (s) =>
        s.kind === SpanKind.CLIENT && s.parentSpanContext?.spanId === deliver.spanContext().spanId,
    );
    expect(processSpan.parentSpanContext?.spanId).toBe(PUBLISH_SPAN);
    expect(deliver.parentSpanContext?.spanId).toBe(processSpan.spanContext().spanId);
    expect(deliver.attributes).toMatchObject({
      'webhook.outcome': 'success',
      'webhook.attempt': 1,
    });
    expect(post).toBeDefined();
    expect(got.headers['traceparent']).toBe(`00-${TRACE}-${post!.spanContext().spanId}-01`);
  });

  it('counts attempts by outcome with latency, disabled subscriptions and consumed events', async () => {
    const failing = await subscribe(500, 'ent-failing');
    const gone = await subscribe(410, 'ent-gone');
    await suite.hooks.bus.publish([
      licenseCreated('ent-failing', 2),
      licenseCreated('ent-gone', 3),
    ]);
    await waitFor(() => failing.received[0] && gone.received[0], 10_000, 'both attempts');

    const text = await waitFor(
      async () => {
        const t = await scrape();
        return sample(t, 'webhook_subscriptions', { status: 'disabled' }) === 1 && t;
      },
      10_000,
      'the 410 to disable its subscription',
    );
    const attempts = (outcome: string) =>
      sample(text, 'webhook_delivery_attempt_duration_seconds_count', { outcome });
    expect(attempts('success')).toBe(1);
    expect(attempts('http_5xx')).toBe(1);
    expect(attempts('http_4xx')).toBe(1);
    expect(
      sample(text, 'webhook_delivery_attempt_duration_seconds_bucket', {
        outcome: 'success',
        le: '30',
      }),
    ).toBe(1);
    expect(sample(text, 'webhook_subscriptions', { status: 'active' })).toBe(2);
    expect(text).toMatch(/^webhook_deliveries_pending\{service="webhooks"\} 1$/m); // the 500, retrying
    expect(
      sample(text, 'messaging_consumer_events_total', {
        group: 'webhooks',
        type: 'license.created',
        outcome: 'processed',
      }),
    ).toBe(3);
    expect(sample(text, 'db_client_connections', { state: 'idle' })).toBeGreaterThan(0);
    expect(text).toMatch(/^db_client_connections_max\{service="webhooks"\} 16$/m);
    expect(text).toMatch(/^messaging_outbox_backlog\{service="webhooks"\} \d+$/m);
  });
});
