import { BadRequestException } from '@nestjs/common';
import type { WebhooksEnv } from '../../config';
import { urlProblem } from '../../engine/network-policy';
import type { SubscriptionSecrets } from '../../engine/subscription-secrets';
import { clientHeaderProblems } from '../client-headers';
import type { SaveSubscriptionDto } from '../dto/save-subscription.dto';
import { resolveActions } from '../subscription-actions';
import type { SubscriptionEntity } from '../subscription.entity';

/** Spec §6: the timeout is at most, and by default, 30 s (`004_*`). */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The body of a `POST` or `PUT` (create and replace share it): every problem at once, as a 400.
 */
export function validateSubscription(dto: SaveSubscriptionDto, env: WebhooksEnv): void {
  const errors: { field: string; messages: string[] }[] = [];
  const { problem } = resolveActions(dto);
  if (problem) errors.push({ field: problem.field, messages: [problem.message] });
  const url = urlProblem(dto.postbackUrl, env);
  if (url) errors.push({ field: 'postbackUrl', messages: [`postbackUrl ${url}`] });
  if (dto.clientHeaders) {
    const problems = clientHeaderProblems(dto.clientHeaders);
    if (problems.length > 0) errors.push({ field: 'clientHeaders', messages: problems });
  }
  if (dto.oauth2) {
    const tokenUrl = urlProblem(dto.oauth2.tokenUrl, env);
    if (tokenUrl) errors.push({ field: 'oauth2.tokenUrl', messages: [`tokenUrl ${tokenUrl}`] });
  }
  if (errors.length > 0)
    throw new BadRequestException({ message: 'The request is not valid.', errors });
}

/**
 * Copies the body onto the row, sealing its secrets; `keptSecret` is the stored OAuth2 secret a
 * PUT may keep.
 */
export function applySubscription(
  s: SubscriptionEntity,
  dto: SaveSubscriptionDto,
  keptSecret: string | null,
  secrets: SubscriptionSecrets,
): void {
  s.actions = actionsOf(dto);
  s.status = dto.status ?? 'active';
  s.postbackUrl = dto.postbackUrl;
  s.techOwnerName = dto.techOwnerName;
  s.techOwnerEmail = dto.techOwnerEmail;
  const headers = dto.clientHeaders ?? {};
  s.clientHeaderNames = Object.keys(headers);
  s.clientHeadersEnc =
    s.clientHeaderNames.length > 0
      ? secrets.seal(s.id, 'client_headers', JSON.stringify(headers))
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
  s.oauth2SecretEnc = secrets.sealOAuth2Secret(s, s.oauth2, secret);
}

/** A problem with the OAuth2 client secret (`oauth2SecretProblem`) as a 400. */
export function refuseOAuth2Secret(problem: string | null): void {
  if (problem) throw invalid('oauth2.clientSecret', problem);
}

/** Checked by validateSubscription() first. */
function actionsOf(dto: SaveSubscriptionDto): string[] {
  const { actions, problem } = resolveActions(dto);
  if (problem) throw invalid(problem.field, problem.message);
  return actions;
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({
    message: 'The request is not valid.',
    errors: [{ field, messages: [message] }],
  });
}
