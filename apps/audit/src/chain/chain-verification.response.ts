/** The result of walking the audit hash chain (ADR 6). */
export class ChainVerification {
  /** True when every record fits the chain. */
  valid: boolean;
  /** Records checked (up to and including the broken one). */
  checked: number;
  /** `seq` of the first record that does not fit the chain. */
  brokenAt?: string;
  /** Why that record does not fit. */
  reason?: string;
}
