/** The checks of a receiver's self-homologation (`001_*` "Execução de testes"). */
export type CheckName =
  'signed-delivery' | 'wrong-signature-rejected' | 'duplicate-accepted' | 'oauth2-token-url';

export class CheckResult {
  check: CheckName;
  passed: boolean;
  /** Nothing to check (no OAuth2 card): it counts as passed, and says so. */
  skipped?: boolean;
  /** Why it passed or failed, in plain words. */
  detail: string;
  /** The receiver's status code, when it answered. */
  statusCode?: number;
  latencyMs?: number;
  /** The start of the receiver's answer. */
  responseBody?: string;
}

export class HomologationReport {
  subscriptionId: string;
  /** The self-homologation run (authorizations) these results count for, if any. */
  run?: string;
  /** True when every check passed: the integration is homologated. */
  passed: boolean;
  checks: CheckResult[];
}
