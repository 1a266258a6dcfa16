import { Injectable } from '@nestjs/common';
import { SystemCreated, type ActorFields } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { SistemaEntity } from '../sistema.entity';
import { SistemasRepository } from '../sistemas.repository';

/** Registers a system and publishes `system.created` in the same transaction (spec §5, §7). */
@Injectable()
export class CreateSistemaUseCase {
  constructor(
    private readonly sistemas: SistemasRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(nome: string, actor: ActorFields): Promise<SistemaEntity> {
    return this.sistemas.transaction(async (manager) => {
      const sistema = await this.sistemas.insert(nome, manager);
      const payload = { id: sistema.id, nome: sistema.nome, ...actor };
      await this.outbox.add(manager, draft(SystemCreated, sistema.id, payload));
      return sistema;
    });
  }
}
