import type { ApiReadEvidence } from '@platform/contracts';
import type { ReadProbe } from '../clients/endpoint-catalogue';
import { OIDC_SCOPES } from '../shared/scopes';
import { type CheckOutcome, probe } from './token-request';

/** Read-only operations tried per API before it counts as failed (the first 2xx ends the try). */
export const PROBES_PER_API = 3;

/**
 * The calls of `api-reads`, per API the token's scopes allow: the read-only operations of the
 * composed OpenAPI document that need that scope and no other the token lacks, in path order.
 * An API with none (e.g. `openid`) is not an API.
 */
export function probesPerScope(catalogue: ReadProbe[], scopes: string[]): Map<string, ReadProbe[]> {
  const apis = scopes.filter((s) => !(OIDC_SCOPES as readonly string[]).includes(s));
  const plan = new Map<string, ReadProbe[]>();
  for (const scope of apis) {
    const fits = catalogue.filter(
      (p) => p.scopes.includes(scope) && p.scopes.every((s) => scopes.includes(s)),
    );
    plan.set(scope, fits.slice(0, PROBES_PER_API));
  }
  return plan;
}

/**
 * `api-reads`: for each API, read-only GETs through the gateway with the application's token until
 * one answers 2xx. Passes when every API of the token answered one; the evidence lists each call.
 */
export async function readEachApi(
  gateway: string,
  token: string,
  plan: Map<string, ReadProbe[]>,
): Promise<CheckOutcome> {
  const reads: ApiReadEvidence[] = [];
  const failed: string[] = [];
  for (const [scope, probes] of plan) {
    let ok = false;
    for (const p of probes) {
      const read = await probe(gateway, token, scope, p.endpoint, p.path);
      reads.push(read);
      if ((ok = read.passed)) break;
    }
    if (probes.length === 0) reads.push({ scope, passed: false });
    if (!ok) failed.push(scope);
  }
  if (plan.size === 0)
    return {
      passed: false,
      detail: 'the token holds no API scope: there is nothing it may call',
      evidence: { reads },
    };
  const detail =
    failed.length === 0
      ? `each API of the token answered a read-only call: ${[...plan.keys()].join(', ')}`
      : `no read-only call answered 2xx for ${failed.join(', ')} (the status of each call is in the evidence)`;
  return { passed: failed.length === 0, detail, evidence: { reads } };
}
