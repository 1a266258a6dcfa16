import { Injectable, Logger } from '@nestjs/common';
import {
  type EventEnvelope,
  HOMOLOGATION_CHECKS,
  IntegrationCheckCompleted,
  type IntegrationCheckCompletedPayload,
  IntegrationHomologated,
} from '@platform/contracts';
import { draft, OnEvent, OutboxPublisher, type ConsumeContext } from '@platform/messaging';
import type { EntityManager } from 'typeorm';
import { HomologationRunEntity, IntegrationCheckEntity } from '../integration.entities';
import { IntegrationRepository } from '../integration.repository';
import { isUuid } from '@platform/http';

/**
 * `integration.check_completed` from the services that run the checks (oauth, webhooks): the
 * latest result of each check is kept with its evidence, in the inbox transaction (once per
 * event). When the event belongs to an open run of the same context, the run is judged: every
 * check of the checklist passed within it → the integration is homologated and
 * `integration.homologated` is published (outbox); every check in and one failed → the run failed.
 */
@Injectable()
export class RecordCheckHandler {
  private readonly logger = new Logger('integrations');

  constructor(
    private readonly integrations: IntegrationRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  @OnEvent(IntegrationCheckCompleted)
  async onCheck(
    event: EventEnvelope<IntegrationCheckCompletedPayload>,
    ctx: ConsumeContext,
  ): Promise<void> {
    const d = event.data;
    const at = new Date(event.time);
    const run =
      d.run && isUuid(d.run) ? await this.integrations.findRunForUpdate(d.run, ctx.manager) : null;
    const counts = run !== null && this.countsFor(run, d, at);
    await this.integrations.saveCheck(
      {
        entity: d.context.entity,
        database: d.context.database,
        check: d.check,
        runId: counts ? run.id : null,
        passed: d.passed,
        skipped: d.skipped ?? false,
        detail: d.detail,
        evidence: { ...d.evidence },
        checkedBy: d.checkedBy,
        completedAt: at,
        eventId: event.id,
      } as IntegrationCheckEntity,
      ctx.manager,
    );
    if (counts) await this.judge(run, d, ctx.manager);
  }

  /** A result counts for a run of its own context, open, and only when it came within the run. */
  private countsFor(
    run: HomologationRunEntity,
    d: IntegrationCheckCompletedPayload,
    at: Date,
  ): boolean {
    const same = run.entity === d.context.entity && run.database === d.context.database;
    if (!same)
      this.logger.warn(`a ${d.check} result names run ${run.id} of another context: not counted`);
    return same && run.status === 'open' && at >= run.startedAt && at <= run.expiresAt;
  }

  private async judge(
    run: HomologationRunEntity,
    d: IntegrationCheckCompletedPayload,
    m: EntityManager,
  ): Promise<void> {
    const results = (await this.integrations.checks(run, m)).filter((c) => c.runId === run.id);
    const missing = HOMOLOGATION_CHECKS.filter((name) => !results.some((c) => c.check === name));
    if (missing.length > 0) return;
    const now = new Date();
    const passed = results.every((c) => c.passed);
    await this.integrations.finishRun(run.id, passed ? 'passed' : 'failed', now, m);
    if (!passed) return;
    await this.integrations.markHomologated(run, run.id, now, m);
    const data = {
      context: { entity: run.entity, database: run.database },
      run: run.id,
      checks: [...HOMOLOGATION_CHECKS],
      homologatedAt: now.toISOString(),
      ...(d.actorUser ? { actorUser: d.actorUser } : {}),
      ...(d.actorClient ? { actorClient: d.actorClient } : {}),
    };
    await this.outbox.add(m, draft(IntegrationHomologated, run.id, data, { entity: run.entity }));
  }
}
