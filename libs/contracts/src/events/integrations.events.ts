import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event';
import { NestedArray } from '../nested-array';
import { Topics } from '../topics';
import { ContextDto } from './context.dto';

/**
 * A context's integration (`001_*` "Canais de integração" and "Execução de testes"): the channels
 * it chose, its requests for the channels operations set up, and its self-homologation. Every
 * payload names the context (`context: {entity, database}`), so audit and the context's own
 * webhook subscriptions see them and no other context's do.
 */

/** Channels operations sets up on request (`001_*` "Outros canais": a ticket). */
export const REQUESTED_CHANNELS = ['connect-direct', 'sftp'] as const;
export type RequestedChannel = (typeof REQUESTED_CHANNELS)[number];

/**
 * The self-homologation checklist: every one must pass within one run for the integration to be
 * homologated. Each is run by the service that owns what it checks (oauth: the client's token and
 * the API reads; webhooks: the receiver and the OAuth2 card), never by the portal.
 */
export const HOMOLOGATION_CHECKS = [
  'client-token',
  'api-reads',
  'signed-delivery',
  'wrong-signature-rejected',
  'duplicate-accepted',
  'oauth2-token-url',
] as const;
export type HomologationCheck = (typeof HOMOLOGATION_CHECKS)[number];

/** Who changed it (the user of the portal, or a client), for audit (spec §7). */
class IntegrationActor {
  @IsOptional() @IsString() actorClient?: string;
  @IsOptional() @IsString() actorUser?: string;
  @IsOptional() @IsString() requestId?: string;
}

export class IntegrationChannelsPayload extends IntegrationActor {
  @ValidateNested() @Type(() => ContextDto) context!: ContextDto;
  @IsBoolean() portal!: boolean;
  @IsBoolean() files!: boolean;
  @IsBoolean() api!: boolean;
}

/** A request for a channel operations must set up (Connect:Direct, SFTP), and its outcome. */
export class ChannelRequestPayload extends IntegrationActor {
  @IsString() id!: string;
  @ValidateNested() @Type(() => ContextDto) context!: ContextDto;
  @IsIn(REQUESTED_CHANNELS) channel!: RequestedChannel;
  @IsOptional() @IsString() @MaxLength(2000) message?: string;
  @IsIn(['pending', 'done']) status!: 'pending' | 'done';
  @IsString() requestedBy!: string;
  @IsOptional() @IsString() doneBy?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** One read-only call of the `api-reads` check: which operation, and what the gateway answered. */
export class ApiReadEvidence {
  /** The scope (API) this call stands for. */
  @IsString() scope!: string;
  /** `METHOD /path` as the composed OpenAPI document names it; absent when none fits. */
  @IsOptional() @IsString() endpoint?: string;
  @IsOptional() @IsInt() @Min(100) @Max(999) statusCode?: number;
  /** Bounded by the checks' own timeouts (seconds), an hour at most. */
  @IsOptional() @IsInt() @Min(0) @Max(3_600_000) latencyMs?: number;
  @IsBoolean() passed!: boolean;
}

/** What a check saw. Never a secret: no token, no client secret, no signing secret. */
export class CheckEvidence {
  @IsOptional() @IsInt() @Min(100) @Max(999) statusCode?: number;
  /** Bounded by the checks' own timeouts (seconds), an hour at most. */
  @IsOptional() @IsInt() @Min(0) @Max(3_600_000) latencyMs?: number;
  /** The start of the answer (at most 1 KiB), as the delivery log keeps it. */
  @IsOptional() @IsString() @MaxLength(1024) responseBody?: string;
  @IsOptional() @IsString() clientId?: string;
  /** The id (`jti`) of the token the check obtained; the token itself is never kept. */
  @IsOptional() @IsString() jti?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) scopes?: string[];
  /** Seconds; at most the ten years a client access token may live. */
  @IsOptional() @IsInt() @Min(0) @Max(316_000_000) expiresIn?: number;
  @IsOptional() @IsString() subscriptionId?: string;
  @IsOptional() @NestedArray(() => ApiReadEvidence, 50) reads?: ApiReadEvidence[];
}

export class IntegrationCheckCompletedPayload extends IntegrationActor {
  @ValidateNested() @Type(() => ContextDto) context!: ContextDto;
  /** The homologation run it belongs to (authorizations); absent for a check run on its own. */
  @IsOptional() @IsString() run?: string;
  @IsIn(HOMOLOGATION_CHECKS) check!: HomologationCheck;
  @IsBoolean() passed!: boolean;
  /** True when there was nothing to check (an optional card not set up): it counts as passed. */
  @IsOptional() @IsBoolean() skipped?: boolean;
  /** Why it passed or failed, in plain words. */
  @IsString() @MaxLength(1000) detail!: string;
  @ValidateNested() @Type(() => CheckEvidence) evidence!: CheckEvidence;
  /** The service that ran it. */
  @IsString() checkedBy!: string;
}

export class IntegrationHomologatedPayload extends IntegrationActor {
  @ValidateNested() @Type(() => ContextDto) context!: ContextDto;
  @IsString() run!: string;
  /** Every check of the run, each passed. */
  @IsArray() @IsString({ each: true }) checks!: string[];
  @IsString() homologatedAt!: string;
}

const CONTEXT = { entity: 'ent-3550308', database: 'db-3550308-prod' };
const ACTOR = { actorClient: 'platform-portal', actorUser: 'joao.admin', requestId: 'req-5f2c9a' };
const RUN = '0c6f7a2e-4b1d-4e8a-9f3c-2d5b7e9a1c40';

export const IntegrationChannelsUpdated = defineEvent({
  type: 'integration.channels_updated',
  topic: Topics.Integrations,
  payload: IntegrationChannelsPayload,
  description: 'A context chose its integration channels (the Portal is always on).',
  example: { context: CONTEXT, portal: true, files: false, api: true, ...ACTOR },
});
export const IntegrationChannelRequested = defineEvent({
  type: 'integration.channel_requested',
  topic: Topics.Integrations,
  payload: ChannelRequestPayload,
  description:
    "A context asked for a channel the platform's operations set up (Connect:Direct, SFTP); platform administrators are told.",
  example: {
    id: '7d3e1f0a-2b4c-4d6e-8f1a-3c5e7a9b1d20',
    context: CONTEXT,
    channel: 'sftp',
    message: 'Arquivos de retorno diários, por volta de 2 h.',
    status: 'pending',
    requestedBy: 'joao.admin',
    ...ACTOR,
  },
});
export const IntegrationChannelRequestDone = defineEvent({
  type: 'integration.channel_request_done',
  topic: Topics.Integrations,
  payload: ChannelRequestPayload,
  description:
    "A platform administrator marked a context's channel request done; the context's admins are told.",
  example: {
    id: '7d3e1f0a-2b4c-4d6e-8f1a-3c5e7a9b1d20',
    context: CONTEXT,
    channel: 'sftp',
    status: 'done',
    requestedBy: 'joao.admin',
    doneBy: 'ops.maria',
    note: 'Usuário sftp enviado por e-mail ao responsável técnico.',
    actorUser: 'ops.maria',
  },
});
export const IntegrationCheckCompleted = defineEvent({
  type: 'integration.check_completed',
  topic: Topics.Integrations,
  payload: IntegrationCheckCompletedPayload,
  description:
    'A self-homologation check ran, in the service that owns what it checks, with its evidence.',
  example: {
    context: CONTEXT,
    run: RUN,
    check: 'wrong-signature-rejected',
    passed: true,
    detail: 'answered 401',
    evidence: {
      statusCode: 401,
      latencyMs: 12,
      responseBody: 'bad signature',
      subscriptionId: '5b8e2f1a-9c3d-4e7f-a1b2-c3d4e5f60718',
    },
    checkedBy: 'webhooks',
    ...ACTOR,
  },
});
export const IntegrationHomologated = defineEvent({
  type: 'integration.homologated',
  topic: Topics.Integrations,
  payload: IntegrationHomologatedPayload,
  description:
    "Every check of a self-homologation run passed: the context's integration is homologated.",
  example: {
    context: CONTEXT,
    run: RUN,
    checks: [...HOMOLOGATION_CHECKS],
    homologatedAt: '2026-03-02T14:20:00.000Z',
    actorUser: 'joao.admin',
  },
});
