import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@platform/http';
import { ASSERTION_HEADER, AssertionVerifier } from './assertion';
import { REQUIRED_SCOPES } from './decorators';
import { INTERNAL_SCOPE, InternalAssertionVerifier } from './internal';
import { PLATFORM_ADMIN_SCOPE, type Principal } from './principal';

interface RequestWithPrincipal {
  /** Fastify's request id: the `x-request-id` the gateway set (libs/http request-id). */
  id?: string;
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/**
 * Every route of a service needs a valid gateway assertion, even on the service's own port,
 * unless marked `@Public()`. The caller's own token is never accepted here. Routes marked
 * `@Internal(scope)` take only an assertion for the service's internal audience carrying that
 * exact scope; an ordinary assertion (whatever its scopes) is refused there, and vice versa.
 */
@Injectable()
export class AssertionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AssertionVerifier) private readonly verifier: AssertionVerifier,
    @Inject(InternalAssertionVerifier) private readonly internal: InternalAssertionVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const header = request.headers[ASSERTION_HEADER];
    if (typeof header !== 'string' || header.length === 0) {
      throw new UnauthorizedException('This service is reached only through the gateway.');
    }
    const internalScope = this.reflector.getAllAndOverride<string | undefined>(
      INTERNAL_SCOPE,
      targets,
    );
    try {
      request.principal = await (internalScope ? this.internal : this.verifier).verify(header);
    } catch {
      throw new UnauthorizedException('The gateway assertion is not valid.');
    }
    // An assertion the gateway reused for this caller carries no request id (ADR 0020).
    if (!request.principal.requestId) request.principal.requestId = request.id ?? '';
    if (internalScope) {
      if (!request.principal.scopes.includes(internalScope)) {
        throw new ForbiddenException(`insufficient_scope: needs ${internalScope}`);
      }
      return true;
    }
    const required = this.reflector.getAllAndOverride<string[] | undefined>(
      REQUIRED_SCOPES,
      targets,
    );
    const granted = request.principal.scopes;
    if (
      required &&
      !granted.includes(PLATFORM_ADMIN_SCOPE) &&
      !required.every((s) => granted.includes(s))
    ) {
      throw new ForbiddenException(`insufficient_scope: needs ${required.join(' ')}`);
    }
    return true;
  }
}
