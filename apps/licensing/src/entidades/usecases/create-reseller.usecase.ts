import { Injectable } from '@nestjs/common';
import { ResellerCreated, type ActorFields } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { ResellerEntity } from '../entidade.entity';
import { EntidadesRepository } from '../entidades.repository';

/** Registers a reseller and publishes `reseller.created` in the same transaction (spec §5, §7). */
@Injectable()
export class CreateResellerUseCase {
  constructor(
    private readonly entidades: EntidadesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(nome: string, actor: ActorFields): Promise<ResellerEntity> {
    return this.entidades.transaction(async (manager) => {
      const reseller = await this.entidades.insertReseller(nome, manager);
      const payload = { id: reseller.id, nome: reseller.nome, ...actor };
      await this.outbox.add(manager, draft(ResellerCreated, reseller.id, payload));
      return reseller;
    });
  }
}
