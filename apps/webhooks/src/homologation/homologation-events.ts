import type { Principal } from '@platform/auth';
import { IntegrationCheckCompleted } from '@platform/contracts';
import { draft, type EventDraft } from '@platform/messaging';
import type { SubscriptionEntity } from '../subscriptions/subscription.entity';
import type { CheckResult } from './homologation.response';

/**
 * The receiver's results as `integration.check_completed` (one per check, keyed by the run), for
 * authorizations to count towards the run and audit to record. Only a context's subscription
 * homologates an integration: a platform-wide one has none to report to.
 */
export function checkEvents(
  s: SubscriptionEntity,
  caller: Principal,
  checks: CheckResult[],
  run: string | undefined,
): EventDraft[] {
  if (!s.ownerEntity || !s.ownerDatabase) return [];
  const context = { entity: s.ownerEntity, database: s.ownerDatabase };
  return checks.map((c) =>
    draft(
      IntegrationCheckCompleted,
      run ?? s.id,
      {
        context,
        ...(run ? { run } : {}),
        check: c.check,
        passed: c.passed,
        ...(c.skipped ? { skipped: true } : {}),
        detail: c.detail,
        evidence: {
          subscriptionId: s.id,
          ...(c.statusCode === undefined ? {} : { statusCode: c.statusCode }),
          ...(c.latencyMs === undefined ? {} : { latencyMs: c.latencyMs }),
          ...(c.responseBody === undefined ? {} : { responseBody: c.responseBody.slice(0, 1024) }),
        },
        checkedBy: 'webhooks',
        actorClient: caller.clientId,
        ...(caller.userId ? { actorUser: caller.userId } : {}),
        requestId: caller.requestId,
      },
      { entity: context.entity },
    ),
  );
}
