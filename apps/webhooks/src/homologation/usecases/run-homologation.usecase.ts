import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { Clock } from '@platform/http';
import { OutboxPublisher } from '@platform/messaging';
import { WebhooksEnv } from '../../config';
import { deliveryBody } from '../../engine/delivery-body';
import { DeliveryAgent } from '../../engine/delivery-agent';
import { post } from '../../engine/http-client';
import { urlProblem } from '../../engine/network-policy';
import { OAuth2TokenCache } from '../../engine/oauth2-token-cache';
import { signatureHeaders } from '../../engine/signature';
import { SubscriptionSecrets } from '../../engine/subscription-secrets';
import { owned } from '../../subscriptions/owned-subscription';
import { ownerScopeOf } from '../../subscriptions/owner-scope';
import type { SubscriptionEntity } from '../../subscriptions/subscription.entity';
import { SubscriptionsRepository } from '../../subscriptions/subscriptions.repository';
import { checkEvents } from '../homologation-events';
import type { CheckName, CheckResult, HomologationReport } from '../homologation.response';

/** The event type the homologation deliveries carry (not a domain event: nothing subscribes). */
export const HOMOLOGATION_EVENT_TYPE = 'webhook.homologation';

interface Sent {
  statusCode?: number;
  latencyMs: number;
  responseBody?: string;
  error?: string;
}

/** `001_*`: the OAuth2 card is optional ("se necessário"); without one there is nothing to check. */
const NO_OAUTH2_CARD: CheckResult = {
  check: 'oauth2-token-url',
  passed: true,
  skipped: true,
  detail: 'no OAuth2 card is set up: nothing to check (the card is optional)',
};

const is2xx = (s?: number) => s !== undefined && s >= 200 && s < 300;
const is4xx = (s?: number) => s !== undefined && s >= 400 && s < 500;

/**
 * Self-homologation of a subscription's receiver ("Execução de testes", `001_*`): the checks an
 * integrator runs on their own receiver, sent now (not queued) so the answer comes back with its
 * evidence. A receiver passes when it takes a correctly signed delivery with a 2xx within the
 * timeout, refuses one with a wrong signature with a 4xx, takes the same event id twice (it
 * dedupes; both answers are 2xx), and, with the OAuth2 card, its token URL grants a token
 * (without one, that step says there was nothing to check). A context's results are published as
 * `integration.check_completed` for the run they were asked for (ADR 15 stage 2).
 */
@Injectable()
export class RunHomologationUseCase {
  constructor(
    private readonly env: WebhooksEnv,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly agent: DeliveryAgent,
    private readonly secrets: SubscriptionSecrets,
    private readonly tokens: OAuth2TokenCache,
    private readonly clock: Clock,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute(
    caller: Principal,
    subscriptionId: string,
    run?: string,
  ): Promise<HomologationReport> {
    const scope = ownerScopeOf(caller, 'manage');
    const s = owned(await this.subscriptions.find(scope, subscriptionId), subscriptionId);
    const checks: CheckResult[] = [s.oauth2 ? await this.tokenUrl(s) : NO_OAUTH2_CARD];
    checks.push(
      this.judge(
        'signed-delivery',
        await this.send(s, randomUUID(), true),
        is2xx,
        'a 2xx within the timeout',
      ),
    );
    checks.push(
      this.judge(
        'wrong-signature-rejected',
        await this.send(s, randomUUID(), false),
        is4xx,
        'a 4xx (the signature must be checked)',
      ),
    );
    const id = randomUUID();
    const first = await this.send(s, id, true);
    const second = await this.send(s, id, true);
    checks.push(
      this.judge(
        'duplicate-accepted',
        is2xx(first.statusCode) ? second : first,
        is2xx,
        'a 2xx for both copies of one event id',
      ),
    );
    const events = checkEvents(s, caller, checks, run);
    if (events.length > 0)
      await this.subscriptions.transaction((m) => this.outbox.add(m, ...events));
    return {
      subscriptionId: s.id,
      ...(run ? { run } : {}),
      passed: checks.every((c) => c.passed),
      checks,
    };
  }

  private judge(
    check: CheckName,
    sent: Sent,
    pass: (status?: number) => boolean,
    expected: string,
  ): CheckResult {
    const evidence = {
      statusCode: sent.statusCode,
      latencyMs: sent.latencyMs,
      responseBody: sent.responseBody,
    };
    if (sent.error)
      return { check, passed: false, detail: `expected ${expected}; ${sent.error}`, ...evidence };
    const passed = pass(sent.statusCode);
    return {
      check,
      passed,
      detail: `${passed ? 'answered' : `expected ${expected}, answered`} ${sent.statusCode}`,
      ...evidence,
    };
  }

  private async tokenUrl(s: SubscriptionEntity): Promise<CheckResult> {
    const began = performance.now();
    this.tokens.invalidate(s.id);
    try {
      await this.tokens.token(s);
      return {
        check: 'oauth2-token-url',
        passed: true,
        detail: 'the token URL granted a token by client credentials',
        latencyMs: Math.round(performance.now() - began),
      };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return {
        check: 'oauth2-token-url',
        passed: false,
        detail: `the token URL did not grant a token: ${why}`.slice(0, 500),
        latencyMs: Math.round(performance.now() - began),
      };
    }
  }

  /** One POST as the engine sends it; `rightSignature: false` signs with a secret nobody has. */
  private async send(
    s: SubscriptionEntity,
    eventId: string,
    rightSignature: boolean,
  ): Promise<Sent> {
    const began = performance.now();
    const elapsed = () => Math.round(performance.now() - began);
    const problem = urlProblem(s.postbackUrl, this.env);
    if (problem) return { latencyMs: 0, error: `postbackUrl ${problem}` };
    const now = this.clock.now();
    const body = deliveryBody(eventId, HOMOLOGATION_EVENT_TYPE, now.toISOString(), {
      subscriptionId: s.id,
      homologation: true,
    });
    try {
      const headers: Record<string, string> = {
        'content-type': 'application/json;charset=utf-8',
        ...this.secrets.clientHeaders(s),
      };
      if (s.oauth2) headers['authorization'] = `Bearer ${await this.tokens.token(s)}`;
      const secrets = rightSignature
        ? this.secrets.signingSecrets(s, now)
        : [`whsec_${randomBytes(32).toString('base64')}`];
      Object.assign(headers, signatureHeaders(eventId, now, body, secrets));
      const answer = await post(this.agent.agent, s.postbackUrl, headers, body, s.timeoutMs);
      return {
        statusCode: answer.statusCode,
        latencyMs: elapsed(),
        responseBody: answer.bodyStart,
      };
    } catch (e) {
      return {
        latencyMs: elapsed(),
        error: e instanceof Error ? e.message.slice(0, 500) : String(e),
      };
    }
  }
}
