import { Injectable } from '@nestjs/common';
import { WebhooksEnv } from '../config';
import { Clock } from '@platform/http';
import type { SubscriptionEntity } from '../subscriptions/subscription.entity';
import { DeliveryAgent } from './delivery-agent';
import { headerValue, post, type HttpAnswer } from './http-client';
import { urlProblem } from './network-policy';
import { OAuth2TokenCache } from './oauth2-token-cache';
import { parseRetryAfter } from './retry-schedule';
import { signatureHeaders } from './signature';
import { SubscriptionSecrets } from './subscription-secrets';

/** What one attempt gives the outcome recorder. */
export interface AttemptResult {
  startedAt: Date;
  latencyMs: number;
  statusCode?: number;
  error?: string;
  responseBody?: string;
  retryAfterMs?: number;
}

export interface OutgoingDelivery {
  eventId: string;
  body: string;
}

const DEFAULT_CONTENT_TYPE = 'application/json;charset=utf-8';

/** Sends one delivery (spec §6): body as stored, client headers, Standard Webhooks signature, OAuth2. */
@Injectable()
export class WebhookSender {
  constructor(
    private readonly env: WebhooksEnv,
    private readonly agent: DeliveryAgent,
    private readonly secrets: SubscriptionSecrets,
    private readonly tokens: OAuth2TokenCache,
    private readonly clock: Clock,
  ) {}

  async send(s: SubscriptionEntity, delivery: OutgoingDelivery): Promise<AttemptResult> {
    const startedAt = this.clock.now();
    const began = performance.now();
    const done = (r: Omit<AttemptResult, 'startedAt' | 'latencyMs'>): AttemptResult => ({
      startedAt,
      latencyMs: Math.round(performance.now() - began),
      ...r,
    });
    // Checked again at send time: the settings may have changed since the subscription was saved.
    const problem = urlProblem(s.postbackUrl, this.env);
    if (problem) return done({ error: `postbackUrl ${problem}` });
    try {
      let answer = await this.attempt(s, delivery);
      if (answer.statusCode === 401 && s.oauth2) {
        // The receiver no longer takes our cached token (revoked, rotated): fetch one and try once more.
        this.tokens.invalidate(s.id);
        answer = await this.attempt(s, delivery);
      }
      const retryAfter = [429, 503].includes(answer.statusCode)
        ? parseRetryAfter(headerValue(answer.headers, 'retry-after'), this.clock.now())
        : undefined;
      return done({
        statusCode: answer.statusCode,
        responseBody: answer.bodyStart,
        retryAfterMs: retryAfter,
      });
    } catch (e) {
      return done({ error: describeError(e, s.timeoutMs) });
    }
  }

  private async attempt(s: SubscriptionEntity, delivery: OutgoingDelivery): Promise<HttpAnswer> {
    const headers = await this.headers(s, delivery);
    return post(this.agent.agent, s.postbackUrl, headers, delivery.body, s.timeoutMs);
  }

  private async headers(
    s: SubscriptionEntity,
    delivery: OutgoingDelivery,
  ): Promise<Record<string, string>> {
    const client = this.secrets.clientHeaders(s);
    const headers: Record<string, string> = {};
    // Spec §6: the default content type unless clientHeaders sets one (then theirs, as `004_*` shows).
    if (!Object.keys(client).some((n) => n.toLowerCase() === 'content-type'))
      headers['content-type'] = DEFAULT_CONTENT_TYPE;
    Object.assign(headers, client);
    if (s.oauth2) {
      for (const name of Object.keys(headers))
        if (name.toLowerCase() === 'authorization') delete headers[name];
      headers['authorization'] = `Bearer ${await this.tokens.token(s)}`;
    }
    const now = this.clock.now();
    Object.assign(
      headers,
      signatureHeaders(delivery.eventId, now, delivery.body, this.secrets.signingSecrets(s, now)),
    );
    return headers;
  }
}

function describeError(e: unknown, timeoutMs: number): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError' || /timeout/i.test(e.name)) {
      return `timed out after ${timeoutMs} ms`;
    }
    const cause = (e as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${e.message}${detail}`.slice(0, 500);
  }
  return String(e).slice(0, 500);
}
