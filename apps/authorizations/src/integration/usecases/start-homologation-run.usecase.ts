import { ConflictException, Injectable } from '@nestjs/common';
import type { HomologationRunEntity } from '../integration.entities';
import type { IntegrationActor } from '../integration-caller';
import { type IntegrationContext, IntegrationRepository } from '../integration.repository';

/** How long a run's checks count: enough to run every step by hand, short enough to mean "now". */
export const RUN_LIFETIME_MS = 30 * 60_000;

/**
 * Starts a self-homologation run (`001_*` "Execução de testes"): the checks the services report
 * for it within its lifetime are judged together. The API channel must be on: the checks are
 * those of an API integration.
 */
@Injectable()
export class StartHomologationRunUseCase {
  constructor(private readonly integrations: IntegrationRepository) {}

  execute(ctx: IntegrationContext, by: IntegrationActor): Promise<HomologationRunEntity> {
    return this.integrations.transaction(async (m) => {
      const integration = await this.integrations.find(ctx, m);
      if (!integration?.api)
        throw new ConflictException(
          'Turn the API channel on first: the checks are those of an API integration.',
        );
      const now = new Date();
      return this.integrations.insertRun(
        {
          ...ctx,
          startedBy: by.actorUser ?? by.actorClient,
          startedAt: now,
          expiresAt: new Date(now.getTime() + RUN_LIFETIME_MS),
          status: 'open',
          finishedAt: null,
        },
        m,
      );
    });
  }
}
