import { Injectable } from '@nestjs/common';
import {
  DatabaseCreated,
  DatabasePayload,
  EntityCreated,
  EntityPayload,
  type EventEnvelope,
} from '@platform/contracts';
import { OnEvent, type ConsumeContext } from '@platform/messaging';
import { ContextsRepository } from './contexts.repository';

/** Keeps the list of existing contexts from licensing's events (consumed once each, inbox). */
@Injectable()
export class ContextProjection {
  constructor(private readonly contexts: ContextsRepository) {}

  @OnEvent(EntityCreated)
  async onEntityCreated(event: EventEnvelope<EntityPayload>, ctx: ConsumeContext): Promise<void> {
    await this.contexts.rememberEntity(ctx.manager, event.data.id, event.data.nome);
  }

  @OnEvent(DatabaseCreated)
  async onDatabaseCreated(
    event: EventEnvelope<DatabasePayload>,
    ctx: ConsumeContext,
  ): Promise<void> {
    await this.contexts.rememberDatabase(ctx.manager, event.data.id, event.data.entity);
  }
}
