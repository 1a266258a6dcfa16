import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllowList, ListQuery, Page, paginate } from '@platform/http';
import { KnownEntity } from '../contexts/known-context.entity';
import type { ContextScope } from '../shared/management-scope';
import {
  ChannelRequestEntity,
  HomologationRunEntity,
  IntegrationCheckEntity,
  IntegrationEntity,
} from './integration.entities';
import { isUniqueViolation } from '@platform/persistence';

export interface IntegrationContext {
  entity: string;
  database: string;
}

/** Filter and sort fields of channel request lists. */
export const CHANNEL_REQUEST_FIELDS: AllowList = {
  id: { column: 'r.id', type: 'uuid' },
  channel: { column: 'r.channel', type: 'string' },
  status: { column: 'r.status', type: 'string' },
  entity: { column: 'r.entity', type: 'string' },
  database: { column: 'r.database', type: 'string' },
  requestedBy: { column: 'r.requestedBy', type: 'string' },
  createdAt: { column: 'r.createdAt', type: 'timestamp' },
};

export type RequestWithName = ChannelRequestEntity & { entityName: string | null };

@Injectable()
export class IntegrationRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  find(ctx: IntegrationContext, m = this.dataSource.manager): Promise<IntegrationEntity | null> {
    return m.findOne(IntegrationEntity, { where: { entity: ctx.entity, database: ctx.database } });
  }

  async saveChannels(
    ctx: IntegrationContext,
    channels: { files: boolean; api: boolean },
    by: string,
    m: EntityManager,
  ): Promise<void> {
    const { files, api } = channels;
    await m.query(
      `INSERT INTO integrations (entity, database, files, api, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (entity, database) DO UPDATE SET files = $3, api = $4, updated_by = $5, updated_at = now()`,
      [ctx.entity, ctx.database, files, api, by],
    );
  }

  async markHomologated(
    ctx: IntegrationContext,
    run: string,
    at: Date,
    m: EntityManager,
  ): Promise<void> {
    await m.update(
      IntegrationEntity,
      { entity: ctx.entity, database: ctx.database },
      { homologatedAt: at, homologatedRun: run },
    );
  }

  /** Requests in scope, newest first unless sorted, with the entity's name when known. */
  async requests(scope: ContextScope, query: ListQuery): Promise<Page<RequestWithName>> {
    const qb = this.dataSource
      .getRepository(ChannelRequestEntity)
      .createQueryBuilder('r')
      .leftJoinAndMapOne('r.known', KnownEntity, 'k', 'k.id = r.entity');
    if (scope.kind === 'context')
      qb.where('r.entity = :e AND r.database = :d', { e: scope.entity, d: scope.database });
    const sorted = (query.sort ?? query.order) ? query : { ...query, sort: 'createdAt desc' };
    const page = await paginate(qb, sorted, CHANNEL_REQUEST_FIELDS);
    return { ...page, content: page.content.map(withName) };
  }

  pending(ctx: IntegrationContext): Promise<ChannelRequestEntity[]> {
    return this.dataSource.manager.find(ChannelRequestEntity, {
      where: { entity: ctx.entity, database: ctx.database, status: 'pending' },
      order: { createdAt: 'ASC' },
    });
  }

  async insertRequest(
    values: Partial<ChannelRequestEntity>,
    m: EntityManager,
  ): Promise<ChannelRequestEntity> {
    try {
      const { identifiers } = await m.insert(ChannelRequestEntity, values);
      return m.findOneOrFail(ChannelRequestEntity, {
        where: { id: String(identifiers[0]?.['id']) },
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ConflictException(
          `a request for ${values.channel} is already pending for this context`,
        );
      throw e;
    }
  }

  /** Locks the request for the rest of the transaction (two admins marking it done). */
  findRequestForUpdate(id: string, m: EntityManager): Promise<ChannelRequestEntity | null> {
    return m.findOne(ChannelRequestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveRequest(request: ChannelRequestEntity, m: EntityManager): Promise<ChannelRequestEntity> {
    return m.save(request);
  }

  latestRun(ctx: IntegrationContext): Promise<HomologationRunEntity | null> {
    return this.dataSource.manager.findOne(HomologationRunEntity, {
      where: { entity: ctx.entity, database: ctx.database },
      order: { startedAt: 'DESC' },
    });
  }

  async insertRun(
    values: Partial<HomologationRunEntity>,
    m: EntityManager,
  ): Promise<HomologationRunEntity> {
    const { identifiers } = await m.insert(HomologationRunEntity, values);
    return m.findOneOrFail(HomologationRunEntity, {
      where: { id: String(identifiers[0]?.['id']) },
    });
  }

  /** Serializes the checks of one run: two services' results never evaluate it at once. */
  findRunForUpdate(id: string, m: EntityManager): Promise<HomologationRunEntity | null> {
    return m.findOne(HomologationRunEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async finishRun(
    id: string,
    status: 'passed' | 'failed',
    at: Date,
    m: EntityManager,
  ): Promise<void> {
    await m.update(HomologationRunEntity, { id }, { status, finishedAt: at });
  }

  checks(ctx: IntegrationContext, m = this.dataSource.manager): Promise<IntegrationCheckEntity[]> {
    return m.find(IntegrationCheckEntity, {
      where: { entity: ctx.entity, database: ctx.database },
    });
  }

  /** Keeps the latest result per check: an older event arriving late changes nothing. */
  async saveCheck(c: IntegrationCheckEntity, m: EntityManager): Promise<void> {
    await m.query(
      `INSERT INTO integration_checks (entity, database, "check", run_id, passed, skipped, detail, evidence, checked_by, completed_at, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (entity, database, "check") DO UPDATE SET
         run_id = EXCLUDED.run_id, passed = EXCLUDED.passed, skipped = EXCLUDED.skipped, detail = EXCLUDED.detail,
         evidence = EXCLUDED.evidence, checked_by = EXCLUDED.checked_by, completed_at = EXCLUDED.completed_at,
         event_id = EXCLUDED.event_id
       WHERE integration_checks.completed_at <= EXCLUDED.completed_at`,
      [
        c.entity,
        c.database,
        c.check,
        c.runId,
        c.passed,
        c.skipped,
        c.detail,
        JSON.stringify(c.evidence),
        c.checkedBy,
        c.completedAt,
        c.eventId,
      ],
    );
  }
}

function withName(r: ChannelRequestEntity): RequestWithName {
  const known = (r as ChannelRequestEntity & { known?: { nome?: string } | null }).known;
  return Object.assign(r, { entityName: known?.nome ?? null });
}
