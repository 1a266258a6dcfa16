import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ResponseCipher } from './response-cipher';

/** Injection token of the service's {@link ResponseCipher} (IdempotencyModule.forRoot). */
export const IDEMPOTENCY_CIPHER = Symbol('IDEMPOTENCY_CIPHER');

/** How long a key is remembered after its first use (the draft leaves it to the server). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/**
 * A request still "in flight" after this long was cut off (its process stopped): whether its
 * side effect happened is unknown, so it is never run again under that key.
 */
export const IN_FLIGHT_LIMIT_MS = 120_000;

/** One use of a key: by whom, which key, for which request (method, path, body). */
export interface KeyUse {
  caller: string;
  key: string;
  fingerprint: string;
}

/** The first answer given under a key. */
export interface StoredAnswer {
  status: number;
  /** The body as it was returned; undefined for an empty one. */
  body: unknown;
}

export type Claim =
  /** This request owns the key: run it, then complete() or release(). */
  | { kind: 'claimed'; claim: string }
  /** The key was used for another request (route or body). */
  | { kind: 'mismatch' }
  /** The first request with this key is still running. */
  | { kind: 'in-flight' }
  /** The first request with this key was cut off; its outcome is unknown. */
  | { kind: 'interrupted' }
  /** The first request finished: answer what it answered. */
  | { kind: 'done'; answer: StoredAnswer }
  /**
   * The first request finished, but its answer is not available: it held a secret and the service
   * has no key to seal it, or the key that sealed it is gone (a development key of another process).
   */
  | { kind: 'withheld'; status: number };

interface Row {
  fingerprint: string;
  state: 'in_flight' | 'done';
  status: number | null;
  response: string | null;
  sealed: boolean;
  withheld: boolean;
  age_ms: number;
}

/** Expired records purged per statement, so a purge never holds many row locks at once. */
const PURGE_BATCH = 1_000;

/**
 * Idempotency-Key records in the service's own database (idempotency.migration.ts). Claiming is
 * one INSERT … ON CONFLICT on (caller, key): of concurrent requests with one key exactly one
 * inserts and runs; the others find its record. Times come from the database's clock, so every
 * instance agrees on what has expired.
 */
@Injectable()
export class IdempotencyRepository {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(IDEMPOTENCY_CIPHER) private readonly cipher?: ResponseCipher,
  ) {}

  async claim(use: KeyUse): Promise<Claim> {
    // A record released between the INSERT and the SELECT (its request failed) is claimed again.
    for (let round = 0; round < 3; round++) {
      const claim = randomUUID();
      const inserted = (await this.dataSource.query(
        `INSERT INTO idempotency_keys (caller, key, claim, fingerprint, state, expires_at)
         VALUES ($1, $2, $3, $4, 'in_flight', now() + $5 * interval '1 millisecond')
         ON CONFLICT (caller, key) DO UPDATE
           SET claim = EXCLUDED.claim, fingerprint = EXCLUDED.fingerprint, state = 'in_flight',
               status = NULL, response = NULL, sealed = false, withheld = false,
               created_at = now(), expires_at = EXCLUDED.expires_at
           WHERE idempotency_keys.expires_at <= now()
         RETURNING claim`,
        [use.caller, use.key, claim, use.fingerprint, IDEMPOTENCY_TTL_MS],
      )) as unknown[];
      if (inserted.length > 0) return { kind: 'claimed', claim };
      const existing = await this.find(use);
      if (existing) return this.judge(use, existing);
    }
    return { kind: 'in-flight' };
  }

  /** Keeps the first answer (sealed with the service's key when there is one). */
  async complete(use: KeyUse, claim: string, answer: StoredAnswer, secret: boolean): Promise<void> {
    const json = answer.body === undefined ? null : JSON.stringify(answer.body);
    const withheld = secret && !this.cipher;
    const response =
      json === null || withheld
        ? null
        : this.cipher
          ? this.cipher.seal(json, bindingOf(use))
          : json;
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'done', status = $4, response = $5, sealed = $6, withheld = $7
        WHERE caller = $1 AND key = $2 AND claim = $3`,
      [
        use.caller,
        use.key,
        claim,
        answer.status,
        response,
        !!this.cipher && response !== null,
        withheld,
      ],
    );
  }

  /** Forgets a claim whose request failed: nothing was created, the key may be used again. */
  async release(use: KeyUse, claim: string): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND claim = $3',
      [use.caller, use.key, claim],
    );
  }

  /** Deletes expired records, at most `batches` × 1,000 per call; resolves to how many. */
  async purgeExpired(batches = 10): Promise<number> {
    let purged = 0;
    for (let i = 0; i < batches; i++) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM idempotency_keys WHERE ctid IN (
           SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT ${PURGE_BATCH})`,
      )) as [unknown, number];
      purged += count;
      if (count < PURGE_BATCH) break;
    }
    return purged;
  }

  private async find(use: KeyUse): Promise<Row | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT fingerprint, state, status, response, sealed, withheld,
              (extract(epoch FROM now() - created_at) * 1000)::float8 AS age_ms
         FROM idempotency_keys WHERE caller = $1 AND key = $2 AND expires_at > now()`,
      [use.caller, use.key],
    )) as Row[];
    return rows[0];
  }

  private judge(use: KeyUse, row: Row): Claim {
    if (row.fingerprint !== use.fingerprint) return { kind: 'mismatch' };
    if (row.state === 'in_flight')
      return { kind: row.age_ms > IN_FLIGHT_LIMIT_MS ? 'interrupted' : 'in-flight' };
    const status = row.status ?? 200;
    if (row.withheld) return { kind: 'withheld', status };
    if (row.response === null) return { kind: 'done', answer: { status, body: undefined } };
    const json = row.sealed ? this.open(row.response, use) : row.response;
    return json === null
      ? { kind: 'withheld', status }
      : { kind: 'done', answer: { status, body: JSON.parse(json) as unknown } };
  }

  /** Null when this process's key cannot open it (a development key that died with its process). */
  private open(sealed: string, use: KeyUse): string | null {
    try {
      if (!this.cipher) throw new Error('no cipher configured');
      return this.cipher.open(sealed, bindingOf(use));
    } catch (e) {
      this.logger.warn(`a stored answer could not be opened: ${(e as Error).message}`);
      return null;
    }
  }
}

const bindingOf = (use: KeyUse): string => `idempotency-key:${use.caller}:${use.key}`;
