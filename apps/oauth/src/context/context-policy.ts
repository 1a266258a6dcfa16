import { BadRequestException } from '@nestjs/common';
import { DEFAULT_GRANTS, type ClientKind, type GrantType } from '../clients/client-kinds';
import { OIDC_SCOPES } from '../shared/scopes';

/**
 * The scopes a context's admin may give the context's applications (ADR 15 stage 2). Left out,
 * and why:
 * - `platform.admin`, `audit.read`: the platform's own powers, over every context;
 * - `users.suite`: the whole user directory, and creating users;
 * - `licenses.suite`, `suite.services`: a token without a user may ask about the license of any
 *   context (`002_*` validate), and read the licensing data of every entity.
 * What is left reaches only the caller's own data, or its context's with a user and User-Access.
 */
export const CONTEXT_GRANTABLE_SCOPES: readonly string[] = [
  'user-accounts.suite',
  'notifications.suite',
  'webhooks.suite',
  ...OIDC_SCOPES,
];

/**
 * The kinds a context's admin may register, and their grants. The legacy password grant (it hands
 * users' passwords to the application, RFC 9700 §2.4), the implicit flow (§2.1.2) and the
 * customer SSO of `003_*` (it signs in users of a customer) stay with platform administrators.
 */
export const CONTEXT_KINDS: readonly ClientKind[] = ['service', 'server', 'browser'];
const CONTEXT_GRANTS: readonly GrantType[] = [
  'client_credentials',
  'authorization_code',
  'refresh_token',
];

export interface ContextClientRequest {
  kind: ClientKind;
  scopes: string[];
  grantTypes?: GrantType[];
  public?: boolean;
}

/**
 * Checks what a context admin asks for and answers the grants to register: the kind's defaults
 * without the grants kept for platform administrators. Platform administrators acting in a
 * context are not limited. A refusal is a 400 naming the field and what is allowed.
 */
export function contextGrantsFor(
  request: ContextClientRequest,
  platformAdmin: boolean,
): GrantType[] | undefined {
  if (platformAdmin) return request.grantTypes;
  const problems: { field: string; message: string }[] = [];
  if (!CONTEXT_KINDS.includes(request.kind))
    problems.push({
      field: 'kind',
      message: `a context's application may be ${CONTEXT_KINDS.join(', ')}`,
    });
  if (request.public)
    problems.push({
      field: 'public',
      message: 'only a platform administrator may register a public password client',
    });
  const scopes = request.scopes.filter((s) => !CONTEXT_GRANTABLE_SCOPES.includes(s));
  if (scopes.length > 0)
    problems.push({
      field: 'scopes',
      message: `a context's application may not hold ${scopes.join(', ')}; it may hold ${CONTEXT_GRANTABLE_SCOPES.join(', ')}`,
    });
  const grants = request.grantTypes?.filter((g) => !CONTEXT_GRANTS.includes(g)) ?? [];
  if (grants.length > 0)
    problems.push({
      field: 'grantTypes',
      message: `a context's application may not use ${grants.join(', ')}`,
    });
  if (problems.length > 0) throw refusal(problems);
  return (
    request.grantTypes ?? DEFAULT_GRANTS[request.kind].filter((g) => CONTEXT_GRANTS.includes(g))
  );
}

/** The scopes the caller may grant, for the portal's form. */
export function grantableScopes(platformAdmin: boolean, known: readonly string[]): string[] {
  return platformAdmin ? [...known, ...OIDC_SCOPES] : [...CONTEXT_GRANTABLE_SCOPES];
}

function refusal(problems: { field: string; message: string }[]): BadRequestException {
  return new BadRequestException({
    message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    errors: problems.map((p) => ({ field: p.field, messages: [p.message] })),
  });
}
