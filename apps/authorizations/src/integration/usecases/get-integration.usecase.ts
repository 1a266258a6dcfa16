import { Injectable } from '@nestjs/common';
import type { IntegrationView } from '../dto/integration.dto';
import { type IntegrationContext, IntegrationRepository } from '../integration.repository';
import { channelsOf, toCheckView, toRequestView, toRunView } from '../integration.views';

/** A context's integration: channels, homologation, latest run, checks, pending requests. */
@Injectable()
export class GetIntegrationUseCase {
  constructor(private readonly integrations: IntegrationRepository) {}

  async execute(ctx: IntegrationContext): Promise<IntegrationView> {
    const [integration, run, checks, pending] = await Promise.all([
      this.integrations.find(ctx),
      this.integrations.latestRun(ctx),
      this.integrations.checks(ctx),
      this.integrations.pending(ctx),
    ]);
    return {
      context: ctx,
      channels: channelsOf(integration),
      homologated: Boolean(integration?.homologatedAt),
      homologatedAt: integration?.homologatedAt?.toISOString() ?? null,
      latestRun: run ? toRunView(run) : null,
      checks: checks.map(toCheckView),
      pendingRequests: pending.map((r) => toRequestView(r)),
    };
  }
}
