import { BadRequestException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '@platform/auth';
import { WebhooksEnv } from '../../config';
import { urlProblem } from '../../engine/network-policy';
import { newSigningSecret } from '../../engine/signature';
import { SubscriptionSecrets } from '../../engine/subscription-secrets';
import { clientHeaderProblems } from '../client-headers';
import type { SaveSubscriptionDto } from '../dto/save-subscription.dto';
import { ownerScopeOf } from '../owner-scope';
import { SubscriptionEntity } from '../subscription.entity';
import { SubscriptionsRepository } from '../subscriptions.repository';

/** Spec §6: the timeout is at most, and by default, 30 s (`004_*`). */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Creates a subscription (`POST`, with a new signing secret) or replaces one (`PUT`, as `004_*`
 * does to rotate a token in `clientHeaders`). Secrets are sealed before they reach the database.
 */
@Injectable()
export class SaveSubscriptionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly env: WebhooksEnv,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly secrets: SubscriptionSecrets,
  ) {}

  async create(
    caller: Principal,
    dto: SaveSubscriptionDto,
  ): Promise<{ subscription: SubscriptionEntity; secret: string }> {
    this.validate(dto, true);
    const scope = ownerScopeOf(caller, 'manage');
    const s = new SubscriptionEntity();
    s.id = randomUUID();
    const secret = newSigningSecret();
    s.secretEnc = this.secrets.seal(s.id, 'secret', secret);
    s.previousSecretEnc = null;
    s.previousSecretUntil = null;
    s.ownerClientId = caller.clientId;
    s.ownerUserId = caller.userId ?? null;
    s.ownerEntity = scope.kind === 'context' ? scope.entity : null;
    s.ownerDatabase = scope.kind === 'context' ? scope.database : null;
    s.ownerAllContexts = scope.kind === 'platform';
    s.failuresSinceSuccess = 0;
    s.failingSince = null;
    s.lastSuccessAt = null;
    this.apply(s, dto, null);
    await this.dataSource.getRepository(SubscriptionEntity).insert(s);
    return { subscription: await this.subscriptions.get(scope, s.id), secret };
  }

  async replace(
    caller: Principal,
    id: string,
    dto: SaveSubscriptionDto,
  ): Promise<SubscriptionEntity> {
    this.validate(dto, false);
    const scope = ownerScopeOf(caller, 'manage');
    await this.dataSource.transaction(async (m) => {
      const s = await this.subscriptions.get(scope, id, m);
      const previousOAuth2 = s.oauth2 ? { ...s.oauth2, secretEnc: s.oauth2SecretEnc } : null;
      this.apply(s, dto, previousOAuth2);
      // Re-enabling a subscription gives it a clean health record.
      if (s.status === 'active')
        Object.assign(s, { disabledReason: null, failingSince: null, failuresSinceSuccess: 0 });
      await m.getRepository(SubscriptionEntity).save(s);
    });
    return this.subscriptions.get(scope, id);
  }

  private apply(
    s: SubscriptionEntity,
    dto: SaveSubscriptionDto,
    previous: { tokenUrl: string; clientId: string; secretEnc: string | null } | null,
  ): void {
    s.action = dto.action;
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
    const { clientSecret, ...settings } = dto.oauth2;
    s.oauth2 = {
      tokenUrl: settings.tokenUrl,
      clientId: settings.clientId,
      authType: settings.authType,
      ...(settings.scope ? { scope: settings.scope } : {}),
    };
    if (clientSecret !== undefined)
      s.oauth2SecretEnc = this.secrets.seal(s.id, 'oauth2_secret', clientSecret);
    else if (
      previous &&
      previous.tokenUrl === settings.tokenUrl &&
      previous.clientId === settings.clientId &&
      previous.secretEnc
    ) {
      s.oauth2SecretEnc = previous.secretEnc; // write-only: a PUT that leaves it out keeps it
    } else {
      throw invalid(
        'oauth2.clientSecret',
        'clientSecret is required with a new tokenUrl or clientId',
      );
    }
  }

  private validate(dto: SaveSubscriptionDto, creating: boolean): void {
    const errors: { field: string; messages: string[] }[] = [];
    const url = urlProblem(dto.postbackUrl, this.env);
    if (url) errors.push({ field: 'postbackUrl', messages: [`postbackUrl ${url}`] });
    if (dto.clientHeaders) {
      const problems = clientHeaderProblems(dto.clientHeaders);
      if (problems.length > 0) errors.push({ field: 'clientHeaders', messages: problems });
    }
    if (dto.oauth2) {
      const tokenUrl = urlProblem(dto.oauth2.tokenUrl, this.env);
      if (tokenUrl) errors.push({ field: 'oauth2.tokenUrl', messages: [`tokenUrl ${tokenUrl}`] });
      if (creating && dto.oauth2.clientSecret === undefined)
        errors.push({ field: 'oauth2.clientSecret', messages: ['clientSecret is required'] });
    }
    if (errors.length > 0)
      throw new BadRequestException({ message: 'The request is not valid.', errors });
  }
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({
    message: 'The request is not valid.',
    errors: [{ field, messages: [message] }],
  });
}
