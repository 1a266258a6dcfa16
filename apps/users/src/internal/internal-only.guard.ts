import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { Principal } from '@platform/auth';

export const INTERNAL_CREDENTIALS_SCOPE = 'internal.credentials';

/**
 * The assertion guard lets `platform.admin` through any scope check; these routes need the
 * literal internal scope that only oauth's own assertion carries (the gateway never routes here).
 */
@Injectable()
export class InternalOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
    if (!principal?.scopes.includes(INTERNAL_CREDENTIALS_SCOPE)) {
      throw new ForbiddenException(`insufficient_scope: needs ${INTERNAL_CREDENTIALS_SCOPE}`);
    }
    return true;
  }
}
