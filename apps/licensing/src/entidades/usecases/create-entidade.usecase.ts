import { Injectable } from '@nestjs/common';
import { EntityCreated, type ActorFields } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { CreateEntidadeDto } from '../dto/create-entidade.dto';
import { toEntityPayload } from '../dto/entidade.response';
import { EntidadeEntity } from '../entidade.entity';
import { EntidadesRepository } from '../entidades.repository';

/** Registers an entity and publishes `entity.created` in the same transaction (outbox, spec §5). */
@Injectable()
export class CreateEntidadeUseCase {
  constructor(
    private readonly entidades: EntidadesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(input: CreateEntidadeDto, actor: ActorFields): Promise<EntidadeEntity> {
    return this.entidades.transaction(async (manager) => {
      const entidade = await this.entidades.insert(
        {
          nome: input.nome,
          esfera: input.esfera,
          cnpj: input.cnpj ?? null,
          uf: input.uf ?? null,
          municipio: input.municipio ?? null,
          reseller: input.reseller ?? null,
        },
        manager,
      );
      await this.outbox.add(
        manager,
        draft(
          EntityCreated,
          entidade.id,
          { ...toEntityPayload(entidade), ...actor },
          { entity: entidade.id },
        ),
      );
      return entidade;
    });
  }
}
