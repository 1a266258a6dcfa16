import { HOMOLOGATION_CHECKS } from '@platform/contracts';
import type {
  ChannelsView,
  ChannelRequestView,
  CheckView,
  HomologationRunView,
} from './dto/integration.dto';
import type {
  ChannelRequestEntity,
  HomologationRunEntity,
  IntegrationCheckEntity,
  IntegrationEntity,
} from './integration.entities';

export const channelsOf = (i: IntegrationEntity | null): ChannelsView => ({
  portal: true,
  files: i?.files ?? false,
  api: i?.api ?? false,
});

export const toRequestView = (
  r: ChannelRequestEntity,
  entityName: string | null = null,
): ChannelRequestView => ({
  id: r.id,
  context: { entity: r.entity, database: r.database },
  entityName,
  channel: r.channel,
  message: r.message,
  status: r.status,
  requestedBy: r.requestedBy,
  doneBy: r.doneBy,
  doneAt: r.doneAt?.toISOString() ?? null,
  note: r.note,
  createdAt: r.createdAt.toISOString(),
});

/** An open run past its end is shown as expired: its checks no longer count. */
export const toRunView = (r: HomologationRunEntity, now = new Date()): HomologationRunView => ({
  id: r.id,
  status: r.status === 'open' && r.expiresAt < now ? 'expired' : r.status,
  startedAt: r.startedAt.toISOString(),
  expiresAt: r.expiresAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  required: [...HOMOLOGATION_CHECKS],
});

export const toCheckView = (c: IntegrationCheckEntity): CheckView => ({
  check: c.check,
  passed: c.passed,
  skipped: c.skipped,
  detail: c.detail,
  evidence: c.evidence,
  checkedBy: c.checkedBy,
  completedAt: c.completedAt.toISOString(),
  run: c.runId,
});
