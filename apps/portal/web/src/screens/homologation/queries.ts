import { useMutation } from '@tanstack/react-query';
import { bff, queryClient } from '../../api/bff';
import type {
  HomologationRun,
  ReceiverReport,
  StoredCheck,
  TokenCheckReport,
} from '../../api/types';

/** The checklist, in the order it runs (libs/contracts HOMOLOGATION_CHECKS). */
export const CHECKS = [
  'client-token',
  'api-reads',
  'oauth2-token-url',
  'signed-delivery',
  'wrong-signature-rejected',
  'duplicate-accepted',
] as const;
export type CheckName = (typeof CHECKS)[number];

export interface ApiRead {
  scope: string;
  endpoint?: string;
  statusCode?: number;
  latencyMs?: number;
  passed: boolean;
}

/** One step as the screen shows it, whichever service answered it. */
export interface Step {
  check: CheckName;
  passed: boolean;
  skipped?: boolean;
  detail: string;
  evidence: {
    statusCode?: number;
    latencyMs?: number;
    responseBody?: string;
    scopes?: string[];
    expiresIn?: number;
    jti?: string;
    reads?: ApiRead[];
  };
}

export interface RunInput {
  clientId: string;
  clientSecret: string;
  subscriptionId: string;
}

export interface RunResult {
  run: HomologationRun;
  steps: Step[];
}

const stepsOfToken = (r: TokenCheckReport): Step[] =>
  r.checks.map((c) => ({ ...c, check: c.check as CheckName }));

const stepsOfReceiver = (r: ReceiverReport): Step[] =>
  r.checks.map(({ check, passed, skipped, detail, ...evidence }) => ({
    check: check as CheckName,
    passed,
    skipped,
    detail,
    evidence,
  }));

export const stepOfStored = (c: StoredCheck): Step => ({
  check: c.check as CheckName,
  passed: c.passed,
  skipped: c.skipped,
  detail: c.detail,
  evidence: c.evidence as Step['evidence'],
});

/**
 * A self-homologation run: authorizations opens it, oauth runs the application's steps (the
 * secret typed here goes once, to oauth, and is not kept), webhooks the receiver's. Each service
 * publishes its results; authorizations judges the run from them, never from the portal.
 */
export function useRunHomologation() {
  return useMutation({
    mutationFn: async (input: RunInput): Promise<RunResult> => {
      const run = await bff<HomologationRun>('integration/homologation/runs', { method: 'POST' });
      const token = await bff<TokenCheckReport>(
        `applications/${encodeURIComponent(input.clientId)}/checks/token`,
        { method: 'POST', body: { client_secret: input.clientSecret, run: run.id } },
      );
      const receiver = await bff<ReceiverReport>(
        `webhooks/${encodeURIComponent(input.subscriptionId)}/homologation`,
        { method: 'POST', body: { run: run.id } },
      );
      return { run, steps: [...stepsOfToken(token), ...stepsOfReceiver(receiver)] };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['integration'] }),
  });
}
