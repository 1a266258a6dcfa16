import { Injectable } from '@nestjs/common';
import { IntegrationChannelsUpdated } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { IntegrationActor } from '../integration-caller';
import { type IntegrationContext, IntegrationRepository } from '../integration.repository';

/** `001_*` step 1: the context's admin chooses its channels; the change is an audited event. */
@Injectable()
export class UpdateChannelsUseCase {
  constructor(
    private readonly integrations: IntegrationRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(
    ctx: IntegrationContext,
    channels: { files: boolean; api: boolean },
    by: IntegrationActor,
  ): Promise<void> {
    return this.integrations.transaction(async (m) => {
      await this.integrations.saveChannels(ctx, channels, by.actorUser ?? by.actorClient, m);
      const data = { context: ctx, portal: true, ...channels, ...by };
      await this.outbox.add(
        m,
        draft(IntegrationChannelsUpdated, `${ctx.entity}/${ctx.database}`, data, {
          entity: ctx.entity,
        }),
      );
    });
  }
}
