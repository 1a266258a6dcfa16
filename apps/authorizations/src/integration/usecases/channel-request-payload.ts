import type { ChannelRequestPayload } from '@platform/contracts';
import type { ChannelRequestEntity } from '../integration.entities';

/** A channel request as its events carry it. */
export function payloadOf(r: ChannelRequestEntity): ChannelRequestPayload {
  return {
    id: r.id,
    context: { entity: r.entity, database: r.database },
    channel: r.channel,
    status: r.status,
    requestedBy: r.requestedBy,
    ...(r.message === null ? {} : { message: r.message }),
    ...(r.doneBy === null ? {} : { doneBy: r.doneBy }),
    ...(r.note === null ? {} : { note: r.note }),
  };
}
