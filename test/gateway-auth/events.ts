import { randomUUID } from 'node:crypto';
import type { EventDefinition, EventEnvelope } from '@platform/contracts';

/** A CloudEvents envelope as oauth / users / authorizations publish it. */
export function envelope<T extends object>(
  def: EventDefinition<T>,
  subject: string,
  data: T,
): EventEnvelope<T> & { topic: string } {
  return {
    topic: def.topic,
    id: randomUUID(),
    type: def.type,
    source: 'test',
    time: new Date().toISOString(),
    subject,
    data,
  };
}
