import { BadRequestException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '@platform/auth';
import { WebhookCreated, WebhookUpdated } from '@platform/contracts';
import { OutboxPublisher } from '@platform/messaging';
import { WebhooksEnv } from '../../config';
import { urlProblem } from '../../engine/network-policy';
import { newSigningSecret } from '../../engine/signature';
import { SubscriptionSecrets } from '../../engine/subscription-secrets';
import { clientHeaderProblems } from '../client-headers';
import type { SaveSubscriptionDto } from '../dto/save-subscription.dto';
import { ownerScopeOf } from '../owner-scope';
import { resolveActions } from '../subscription-actions';
import { changedFields, oauth2SecretProblem, snapshotOf } from '../subscription-changes';
import { subscriptionChanged } from '../subscription-events';
import { SubscriptionEntity } from '../subscription.entity';
import { SubscriptionsRepository } from '../subscriptions.repository';

/** Spec §6: the timeout is at most, and by default, 30 s (`004_*`). */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Creates a subscription (`POST`, with a new signing secret) or replaces one (`PUT`, as `004_*`
 * does to rotate a token in `clientHeaders`); both need the context's admin role. Secrets are
 * sealed before they reach the database; `webhook.created` / `webhook.updated` go to the outbox
 * in the same transaction (spec §7).
 */
@Injectable()
export class SaveSubscriptionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly env: WebhooksEnv,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly secrets: SubscriptionSecrets,
    private readonly outbox: OutboxPublisher,
  ) {}

  async create(
    caller: Principal,
    dto: SaveSubscriptionDto,
  ): Promise<{ subscription: SubscriptionEntity; secret: string }> {
    const scope = ownerScopeOf(caller, 'manage');
    this.validate(dto);
    this.refuse(oauth2SecretProblem(null, dto));
    const s = new SubscriptionEntity();
    s.id = randomUUID();
    const secret = newSigningSecret();
    s.secretEnc = this.secrets.seal(s.id, 'secret', secret);
    s.retiringSecrets = [];
    s.ownerClientId = caller.clientId;
    s.ownerUserId = caller.userId ?? null;
    s.ownerEntity = scope.kind === 'context' ? scope.entity : null;
    s.ownerDatabase = scope.kind === 'context' ? scope.database : null;
    s.ownerAllContexts = scope.kind === 'platform';
    s.failuresSinceSuccess = 0;
    s.failingSince = null;
    s.lastSuccessAt = null;
    this.apply(s, dto, null);
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(SubscriptionEntity).insert(s);
      await this.outbox.add(m, subscriptionChanged(WebhookCreated, s, caller));
    });
    return { subscription: await this.subscriptions.get(scope, s.id), secret };
  }

  async replace(
    caller: Principal,
    id: string,
    dto: SaveSubscriptionDto,
  ): Promise<SubscriptionEntity> {
    const scope = ownerScopeOf(caller, 'manage');
    this.validate(dto);
    await this.dataSource.transaction(async (m) => {
      const s = await this.subscriptions.get(scope, id, m);
      const before = snapshotOf(s, this.secrets.clientHeaders(s));
      const stored = {
        postbackUrl: s.postbackUrl,
        oauth2: s.oauth2,
        hasSecret: !!s.oauth2SecretEnc,
      };
      this.refuse(oauth2SecretProblem(stored, dto));
      const wasDisabled = s.status === 'disabled';
      this.apply(s, dto, dto.oauth2 ? this.storedOAuth2Secret(s) : null);
      // Re-enabling a subscription gives it a clean health record.
      if (s.status === 'active')
        Object.assign(s, { disabledReason: null, failingSince: null, failuresSinceSuccess: 0 });
      // Whoever enables a disabled subscription vouches for where it sends the context's events:
      // it is theirs from now on, and ends with their access (OwnerRevocation).
      if (wasDisabled && s.status === 'active')
        Object.assign(s, { ownerClientId: caller.clientId, ownerUserId: caller.userId ?? null });
      await m.getRepository(SubscriptionEntity).save(s);
      const after = snapshotOf(s, dto.clientHeaders ?? {});
      const changed = changedFields(before, after, dto.oauth2?.clientSecret !== undefined);
      await this.outbox.add(m, subscriptionChanged(WebhookUpdated, s, caller, changed));
    });
    return this.subscriptions.get(scope, id);
  }

  /** Copies the body onto the row; `keptSecret` is the stored OAuth2 secret a PUT may keep. */
  private apply(s: SubscriptionEntity, dto: SaveSubscriptionDto, keptSecret: string | null): void {
    s.actions = this.actionsOf(dto);
    s.status = dto.status ?? 'active';
    s.postbackUrl = dto.postbackUrl;
    s.techOwnerName = dto.techOwnerName;
    s.techOwnerEmail = dto.techOwnerEmail;
    const headers = dto.clientHeaders ?? {};
    s.clientHeaderNames = Object.keys(headers);
    s.clientHeadersEnc =
      s.clientHeaderNames.length > 0
        ? this.secrets.seal(s.id, 'client_headers', JSON.stringify(headers))
        : null;
    s.rateLimitRequests = dto.rateLimit?.requests ?? null;
    s.rateLimitPerSeconds = dto.rateLimit?.perSeconds ?? null;
    s.timeoutMs = dto.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!dto.oauth2) {
      s.oauth2 = null;
      s.oauth2SecretEnc = null;
      return;
    }
    const { clientSecret, tokenUrl, clientId, authType, scope } = dto.oauth2;
    s.oauth2 = { tokenUrl, clientId, authType, ...(scope ? { scope } : {}) };
    const secret = clientSecret ?? keptSecret;
    if (secret === null) throw invalid('oauth2.clientSecret', 'clientSecret is required');
    // Sealed (again) for this postback origin and token URL: see SubscriptionSecrets.
    s.oauth2SecretEnc = this.secrets.sealOAuth2Secret(s, s.oauth2, secret);
  }

  /** Checked before: kept only for the same postback origin, token URL and client id. */
  private storedOAuth2Secret(s: SubscriptionEntity): string | null {
    if (!s.oauth2SecretEnc) return null;
    try {
      return this.secrets.oauth2ClientSecret(s);
    } catch {
      return null; // sealed for another target: it must be given again
    }
  }

  /** Checked by validate() first. */
  private actionsOf(dto: SaveSubscriptionDto): string[] {
    const { actions, problem } = resolveActions(dto);
    if (problem) throw invalid(problem.field, problem.message);
    return actions;
  }

  private validate(dto: SaveSubscriptionDto): void {
    const errors: { field: string; messages: string[] }[] = [];
    const { problem } = resolveActions(dto);
    if (problem) errors.push({ field: problem.field, messages: [problem.message] });
    const url = urlProblem(dto.postbackUrl, this.env);
    if (url) errors.push({ field: 'postbackUrl', messages: [`postbackUrl ${url}`] });
    if (dto.clientHeaders) {
      const problems = clientHeaderProblems(dto.clientHeaders);
      if (problems.length > 0) errors.push({ field: 'clientHeaders', messages: problems });
    }
    if (dto.oauth2) {
      const tokenUrl = urlProblem(dto.oauth2.tokenUrl, this.env);
      if (tokenUrl) errors.push({ field: 'oauth2.tokenUrl', messages: [`tokenUrl ${tokenUrl}`] });
    }
    if (errors.length > 0)
      throw new BadRequestException({ message: 'The request is not valid.', errors });
  }

  private refuse(oauth2Problem: string | null): void {
    if (oauth2Problem) throw invalid('oauth2.clientSecret', oauth2Problem);
  }
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({
    message: 'The request is not valid.',
    errors: [{ field, messages: [message] }],
  });
}
