import type { IHeaders, Message } from 'kafkajs';
import type { EventEnvelope } from '@platform/contracts';

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: the envelope's attributes are
 * `ce_`-prefixed headers, the value is the JSON data, the key is the aggregate id (subject) so
 * one aggregate's events land on one partition, in order. The trace context travels as the
 * CloudEvents Distributed Tracing extension (`ce_traceparent`: the context of the event's
 * publication, which its consumers continue) and also as the plain `traceparent` header, which
 * kafkajs's instrumentation rewrites with its own `send` span when tracing is on.
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/extensions/distributed-tracing.md
 */
export function toKafkaMessage(event: EventEnvelope<object>): Message {
  const headers: IHeaders = {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_type: event.type,
    ce_source: event.source,
    ce_time: event.time,
    ce_subject: event.subject,
    'content-type': 'application/json',
  };
  if (event.entity) headers['ce_entity'] = event.entity;
  if (event.traceparent) {
    headers['ce_traceparent'] = event.traceparent;
    headers['traceparent'] = event.traceparent;
  }
  return { key: event.subject, value: JSON.stringify(event.data), headers };
}

export class UndecodableMessage extends Error {
  constructor(reason: string) {
    super(`not a CloudEvents 1.0 binary-mode message: ${reason}`);
    this.name = 'UndecodableMessage';
  }
}

export interface ReceivedMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

/** The envelope of a received message; throws `UndecodableMessage` when it is not one of ours. */
export function fromKafkaMessage(message: ReceivedMessage): EventEnvelope<unknown> {
  const h = (name: string): string | undefined => headerText(message.headers?.[name]);
  const required = (name: string): string => {
    const v = h(name);
    if (!v) throw new UndecodableMessage(`missing header ${name}`);
    return v;
  };
  if (required('ce_specversion') !== '1.0')
    throw new UndecodableMessage('ce_specversion is not 1.0');
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    throw new UndecodableMessage('value is not JSON');
  }
  const envelope: EventEnvelope<unknown> = {
    id: required('ce_id'),
    type: required('ce_type'),
    source: required('ce_source'),
    time: required('ce_time'),
    subject: h('ce_subject') ?? message.key?.toString('utf8') ?? '',
    data,
  };
  const entity = h('ce_entity');
  const traceparent = h('ce_traceparent') ?? h('traceparent');
  if (entity) envelope.entity = entity;
  if (traceparent) envelope.traceparent = traceparent;
  return envelope;
}

export function headerText(value: IHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}
