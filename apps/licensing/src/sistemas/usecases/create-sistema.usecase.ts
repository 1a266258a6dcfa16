import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SystemCreated, type ActorFields } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { SistemaEntity } from '../sistema.entity';

/** Registers a system and publishes `system.created` in the same transaction (spec §5, §7). */
@Injectable()
export class CreateSistemaUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(nome: string, actor: ActorFields): Promise<SistemaEntity> {
    return this.dataSource.transaction(async (manager) => {
      const sistema = await manager.getRepository(SistemaEntity).save({ nome });
      const payload = { id: sistema.id, nome: sistema.nome, ...actor };
      await this.outbox.add(manager, draft(SystemCreated, sistema.id, payload));
      return sistema;
    });
  }
}
