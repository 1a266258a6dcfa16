import { IsIn, IsObject, IsOptional, IsString } from 'class-validator';
import { defineEvent } from '../event';
import { Topics } from '../topics';

/** A security decision worth recording (`000_*`: "segura e auditável"). */
export class SecurityDecisionPayload {
  @IsString() action!: string;
  @IsIn(['allowed', 'denied', 'failed', 'succeeded']) outcome!:
    'allowed' | 'denied' | 'failed' | 'succeeded';
  @IsOptional() @IsString() actorClient?: string;
  @IsOptional() @IsString() actorUser?: string;
  @IsOptional() @IsString() ip?: string;
  @IsOptional() @IsString() target?: string;
  @IsOptional() @IsString() reason?: string;
  @IsOptional() @IsString() requestId?: string;
  /** The license of the caller's client, when it is bound to one (`000_*`). */
  @IsOptional() @IsString() license?: string;
  @IsOptional() @IsObject() details?: Record<string, unknown>;
}

export const SecurityDecision = defineEvent({
  type: 'security.decision',
  topic: Topics.Security,
  payload: SecurityDecisionPayload,
  description:
    'An authentication or authorization decision (refusals at the gateway, failed logins, admin changes).',
  example: {
    action: 'gateway.authenticate',
    outcome: 'denied',
    actorClient: 'erp-integration',
    ip: '203.0.113.7',
    target: 'GET /licenses/v0.1/api/licensing',
    reason: 'insufficient_scope',
    requestId: 'req-5f2c9a',
    details: { needs: ['licenses.suite'] },
  },
});
