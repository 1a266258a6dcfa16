import type { IHeaders, Message } from 'kafkajs';
import type { EventEnvelope } from '@platform/contracts';

/*
 * CloudEvents 1.0 Kafka binding, binary mode, as the platform's outbox relay writes it (spec
 * §5). @platform/messaging has the same codec but does not export it (it serves its inbox
 * consumers); this copy stays until it does — see the gateway-auth report.
 */

function text(value: IHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/** The envelope of a received message, or `undefined` when it is not a CloudEvent of ours. */
export function decodeEvent(message: {
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}): EventEnvelope<unknown> | undefined {
  const h = (name: string): string | undefined => text(message.headers?.[name]);
  const id = h('ce_id');
  const type = h('ce_type');
  if (h('ce_specversion') !== '1.0' || !id || !type) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    return undefined;
  }
  return {
    id,
    type,
    source: h('ce_source') ?? '',
    time: h('ce_time') ?? new Date().toISOString(),
    subject: h('ce_subject') ?? message.key?.toString('utf8') ?? '',
    data,
  };
}

export function encodeEvent(event: EventEnvelope<object>): Message {
  const headers: IHeaders = {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_type: event.type,
    ce_source: event.source,
    ce_time: event.time,
    ce_subject: event.subject,
    'content-type': 'application/json',
  };
  if (event.traceparent) headers['traceparent'] = event.traceparent;
  return { key: event.subject, value: JSON.stringify(event.data), headers };
}
