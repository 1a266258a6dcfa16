import { Injectable } from '@nestjs/common';
import { DatabaseCreated, type ActorFields, type DatabasePayload } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { DatabaseEntity } from '../database.entity';
import { DatabasesRepository } from '../databases.repository';
import { CreateDatabaseDto } from '../dto/create-database.dto';

/**
 * Registers a database of an entity and publishes `database.created`: from then on
 * `{entity, database}` is a context other services (authorizations) accept.
 */
@Injectable()
export class CreateDatabaseUseCase {
  constructor(
    private readonly databases: DatabasesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  execute(input: CreateDatabaseDto, actor: ActorFields): Promise<DatabaseEntity> {
    return this.databases.transaction(async (manager) => {
      const db = await this.databases.insert({ entity: input.entity, nome: input.nome }, manager);
      // `database` repeats `id`: with `entity` it names the new context (spec §5). `name` is
      // the deprecated spelling of `nome`, kept in the event for one release (docs/asyncapi.json).
      const payload: DatabasePayload = {
        id: db.id,
        entity: db.entity,
        database: db.id,
        nome: db.nome,
        name: db.nome,
        ...actor,
      };
      await this.outbox.add(manager, draft(DatabaseCreated, db.id, payload, { entity: db.entity }));
      return db;
    });
  }
}
