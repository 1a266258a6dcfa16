import { Inject, Injectable } from '@nestjs/common';
import { IntegrationCheckCompleted, type HomologationCheck } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import { EndpointCatalogue } from '../clients/endpoint-catalogue';
import { OauthEnv } from '../config';
import type { ContextAdmin } from '../context/context-admin';
import { GetContextClientUseCase } from '../context/usecases/get-context-client.usecase';
import { Revocations } from '../tokens/revocations';
import { RevocationsRepository } from '../tokens/revocations.repository';
import { probesPerScope, readEachApi } from './api-reads';
import { type CheckOutcome, requestClientToken } from './token-request';

export interface CheckResult extends CheckOutcome {
  check: HomologationCheck;
}

export interface ClientCheckReport {
  clientId: string;
  run?: string;
  passed: boolean;
  checks: CheckResult[];
}

/**
 * The application's part of the self-homologation (`001_*` "Execução de testes"), run by oauth,
 * which owns clients and tokens: `client-token` (the secret the integrator typed buys a token by
 * client credentials, through the gateway) and `api-reads` (that token reads each API its scopes
 * allow, through the gateway; the calls come from the composed OpenAPI document). The token is
 * revoked when done, and each result is published as `integration.check_completed` with its
 * evidence — the portal shows them, it cannot make one.
 */
@Injectable()
export class ClientChecksUseCase {
  constructor(
    @Inject(RevocationsRepository) private readonly revocationRows: RevocationsRepository,
    @Inject(OauthEnv) private readonly env: OauthEnv,
    @Inject(GetContextClientUseCase) private readonly getClient: GetContextClientUseCase,
    @Inject(EndpointCatalogue) private readonly catalogue: EndpointCatalogue,
    @Inject(Revocations) private readonly revocations: Revocations,
    private readonly outbox: OutboxPublisher,
  ) {}

  async run(
    caller: ContextAdmin,
    clientId: string,
    secret: string,
    run?: string,
  ): Promise<ClientCheckReport> {
    const client = await this.getClient.execute(caller.owner, clientId);
    const gateway = this.env.gatewayUrl();
    const token = await requestClientToken(gateway, client.id, secret);
    const reads: CheckOutcome = token.obtained
      ? await readEachApi(
          gateway,
          token.obtained.token,
          probesPerScope(await this.catalogue.readProbes(), token.obtained.scopes),
        )
      : { passed: false, detail: 'not run: the application obtained no token', evidence: {} };
    const checks: CheckResult[] = [
      { check: 'client-token', ...withoutToken(token) },
      { check: 'api-reads', ...reads },
    ];
    await this.revocationRows.transaction(async (m) => {
      const obtained = token.obtained;
      if (obtained)
        await this.revocations.revoke(
          {
            scope: 'token',
            jti: obtained.jti,
            expiresAt: obtained.expiresAt,
            reason: 'self-homologation check done',
          },
          m,
        );
      const events = checks.map((c) =>
        draft(
          IntegrationCheckCompleted,
          run ?? client.id,
          {
            context: caller.owner,
            ...(run ? { run } : {}),
            check: c.check,
            passed: c.passed,
            detail: c.detail,
            evidence: c.evidence,
            checkedBy: 'oauth',
            actorClient: caller.actor.actorClient,
            actorUser: caller.actor.actorUser,
            requestId: caller.actor.requestId,
          },
          { entity: caller.owner.entity },
        ),
      );
      await this.outbox.add(m, ...events);
    });
    return {
      clientId: client.id,
      ...(run ? { run } : {}),
      passed: checks.every((c) => c.passed),
      checks,
    };
  }
}

/** The outcome without the token itself: it never leaves this use case. */
function withoutToken(outcome: CheckOutcome & { obtained?: unknown }): CheckOutcome {
  const { obtained: _token, ...rest } = outcome;
  return rest;
}
