import { Injectable } from '@nestjs/common';
import { AccessUsed, type AccessUsedPayload, type EventEnvelope } from '@platform/contracts';
import { OnEvent, type ConsumeContext } from '@platform/messaging';
import { isUuid } from '@platform/http';
import { AccessesRepository } from './accesses.repository';

/**
 * `access.used` from the gateway (`002_*` "últimas atividades"): one statement per event, however
 * many accesses it names, in the inbox transaction (once per event). A later use never goes back
 * in time (GREATEST), whatever order batches arrive in; `updated_at` is left alone, since a use is
 * not a change of the access. Ids that are not accesses of ours are skipped.
 */
@Injectable()
export class AccessActivityHandler {
  constructor(private readonly accesses: AccessesRepository) {}

  @OnEvent(AccessUsed)
  async onAccessUsed(event: EventEnvelope<AccessUsedPayload>, ctx: ConsumeContext): Promise<void> {
    const uses = event.data.uses.filter((u) => isUuid(u.id) && !Number.isNaN(Date.parse(u.at)));
    if (uses.length === 0) return;
    await this.accesses.recordUses(uses, ctx.manager);
  }
}
