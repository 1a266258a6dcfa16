import type { IHeaders } from 'kafkajs';
import type { OutgoingEvent } from '../transport';
import { fromKafkaMessage, toKafkaMessage } from './cloudevents';

const event: OutgoingEvent = {
  topic: 'platform.users',
  id: '5b0f1c3e-8a0e-4c3b-9d2e-3b8f2f1a7c11',
  type: 'user.created',
  source: '/platform/users',
  time: '2026-01-02T03:04:05.000Z',
  subject: 'user-1',
  entity: 'ent-9',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  data: { id: 'user-1', name: 'Ana', email: 'ana@example.com', status: 'active' },
};

/** What a consumer receives: kafkajs hands header values and key/value over as Buffers. */
function asReceived(
  headers: IHeaders,
  key: string | null,
  value: string,
): Parameters<typeof fromKafkaMessage>[0] {
  const buffers: IHeaders = {};
  for (const [k, v] of Object.entries(headers))
    buffers[k] = typeof v === 'string' ? Buffer.from(v) : v;
  return {
    key: key === null ? null : Buffer.from(key),
    value: Buffer.from(value),
    headers: buffers,
  };
}

describe('CloudEvents Kafka binary mode', () => {
  it('maps the envelope to ce_* headers, the data to the value and the subject to the key', () => {
    const m = toKafkaMessage(event);
    expect(m.key).toBe('user-1');
    expect(JSON.parse(String(m.value))).toEqual(event.data);
    expect(m.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: 'user.created',
      ce_source: '/platform/users',
      ce_time: '2026-01-02T03:04:05.000Z',
      ce_subject: 'user-1',
      ce_entity: 'ent-9',
      ce_traceparent: event.traceparent,
      traceparent: event.traceparent,
      'content-type': 'application/json',
    });
  });

  it('leaves out the optional headers when the event has no entity or trace', () => {
    const { entity: _e, traceparent: _t, ...bare } = event;
    const headers = toKafkaMessage(bare).headers!;
    expect(headers).not.toHaveProperty('ce_entity');
    expect(headers).not.toHaveProperty('traceparent');
    expect(headers).not.toHaveProperty('ce_traceparent');
  });

  it("continues the event's trace even when an instrumentation rewrote the traceparent header", () => {
    // kafkajs's instrumentation puts its own `send` span in `traceparent`; the event's context
    // (CloudEvents distributed-tracing extension) is what the consumer continues.
    const headers = {
      ...toKafkaMessage(event).headers!,
      traceparent: '00-11111111111111111111111111111111-2222222222222222-01',
    };
    expect(fromKafkaMessage(asReceived(headers, 'k', '{}')).traceparent).toBe(event.traceparent);
    const { ce_traceparent: _c, ...plain } = toKafkaMessage(event).headers!;
    expect(fromKafkaMessage(asReceived(plain, 'k', '{}')).traceparent).toBe(event.traceparent);
  });

  it('decodes what it encodes', () => {
    const m = toKafkaMessage(event);
    const { topic: _topic, ...envelope } = event;
    expect(fromKafkaMessage(asReceived(m.headers!, 'user-1', String(m.value)))).toEqual(envelope);
  });

  it('falls back to the key when ce_subject is missing', () => {
    const { ce_subject: _s, ...headers } = toKafkaMessage(event).headers!;
    expect(fromKafkaMessage(asReceived(headers, 'user-1', '{}')).subject).toBe('user-1');
  });

  it.each([
    ['ce_id', /missing header ce_id/],
    ['ce_type', /missing header ce_type/],
    ['ce_specversion', /missing header ce_specversion/],
  ])('rejects a message without %s', (header, message) => {
    const headers = { ...toKafkaMessage(event).headers! };
    delete headers[header];
    expect(() => fromKafkaMessage(asReceived(headers, 'k', '{}'))).toThrow(message);
  });

  it('rejects another spec version and a value that is not JSON', () => {
    const headers = toKafkaMessage(event).headers!;
    expect(() =>
      fromKafkaMessage(asReceived({ ...headers, ce_specversion: '0.3' }, 'k', '{}')),
    ).toThrow(/specversion/);
    expect(() => fromKafkaMessage(asReceived(headers, 'k', 'not json'))).toThrow(/not JSON/);
  });
});
