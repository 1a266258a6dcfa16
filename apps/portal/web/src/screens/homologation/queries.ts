import { useMutation } from '@tanstack/react-query';
import { bff } from '../../api/bff';

export interface CheckResult {
  check: 'signed-delivery' | 'wrong-signature-rejected' | 'duplicate-accepted' | 'oauth2-token-url';
  passed: boolean;
  detail: string;
  statusCode?: number;
  latencyMs?: number;
  responseBody?: string;
}

export interface HomologationReport {
  subscriptionId: string;
  passed: boolean;
  checks: CheckResult[];
}

/** Runs the receiver checks in webhooks (the service that owns them) and returns their evidence. */
export function useRunHomologation() {
  return useMutation({
    mutationFn: (subscriptionId: string) =>
      bff<HomologationReport>(`webhooks/${encodeURIComponent(subscriptionId)}/homologation`, {
        method: 'POST',
      }),
  });
}
