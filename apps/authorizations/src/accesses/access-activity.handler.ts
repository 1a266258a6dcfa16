import { Injectable } from '@nestjs/common';
import { AccessUsed, type AccessUsedPayload, type EventEnvelope } from '@platform/contracts';
import { OnEvent, type ConsumeContext } from '@platform/messaging';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `access.used` from the gateway (`002_*` "últimas atividades"): one statement per event, however
 * many accesses it names, in the inbox transaction (once per event). A later use never goes back
 * in time (GREATEST), whatever order batches arrive in; `updated_at` is left alone, since a use is
 * not a change of the access. Ids that are not accesses of ours are skipped.
 */
@Injectable()
export class AccessActivityHandler {
  @OnEvent(AccessUsed)
  async onAccessUsed(event: EventEnvelope<AccessUsedPayload>, ctx: ConsumeContext): Promise<void> {
    const uses = event.data.uses.filter((u) => UUID.test(u.id) && !Number.isNaN(Date.parse(u.at)));
    if (uses.length === 0) return;
    await ctx.manager.query(
      `UPDATE accesses a
          SET last_activity_at = GREATEST(a.last_activity_at, u.at)
         FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)
        WHERE a.id = u.id`,
      [uses.map((u) => u.id), uses.map((u) => u.at)],
    );
  }
}
