import { createPrivateKey, generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JWK } from 'jose';
import { DataSource, In } from 'typeorm';
import { SigningKeyRotated } from '@platform/contracts';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { AdminActor } from '../shared/admin-actor';
import { KeyEncryption } from './key-encryption';
import { SigningKeyEntity } from './signing-key.entity';

export const SIGNING_ALG = 'ES256';
/** How long an instance trusts its cached current key before re-reading (other instances may rotate). */
const CACHE_MS = 30_000;

/** Why a key was rotated: an administrator asked, or at boot there was no usable current key. */
export type RotationReason = 'requested' | 'no-current-key' | 'undecryptable';

export interface ActiveKey {
  kid: string;
  key: KeyObject;
}

/**
 * Access-token signing keys in the database (ES256). Rotation makes a new current key and keeps
 * the previous one in the JWKS, so tokens it signed stay verifiable until they expire.
 */
@Injectable()
export class KeyStore {
  private readonly logger = new Logger(KeyStore.name);
  private cached?: { key: ActiveKey; at: number };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(KeyEncryption) private readonly encryption: KeyEncryption,
    private readonly outbox: OutboxPublisher,
  ) {}

  async current(): Promise<ActiveKey> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.key;
    const row = await this.db.getRepository(SigningKeyEntity).findOneBy({ status: 'current' });
    const key = row ? this.open(row) : undefined;
    const active = key ?? (await this.rotate(row ? 'undecryptable' : 'no-current-key'));
    this.cached = { key: active, at: Date.now() };
    return active;
  }

  /** current → previous, previous → retired, and a fresh current key; recorded as `signing_key.rotated`. */
  async rotate(reason: RotationReason = 'requested', actor: AdminActor = {}): Promise<ActiveKey> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = randomUUID();
    await this.db.transaction(async (m) => {
      // Serializes concurrent rotations (the partial unique index would refuse the loser anyway).
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['oauth.signing-keys']);
      const repo = m.getRepository(SigningKeyEntity);
      const previous = await repo.findOneBy({ status: 'current' });
      await repo.update({ status: 'previous' }, { status: 'retired' });
      await repo.update({ status: 'current' }, { status: 'previous' });
      await repo.insert({
        kid,
        alg: SIGNING_ALG,
        status: 'current',
        publicJwk: {
          ...(publicKey.export({ format: 'jwk' }) as JWK),
          kid,
          alg: SIGNING_ALG,
          use: 'sig',
        },
        privateKeyEnc: this.encryption.encrypt(
          privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        ),
      });
      const data = {
        kid,
        previousKid: previous?.kid,
        rotatedAt: new Date().toISOString(),
        reason,
        ...actor,
      };
      await this.outbox.add(m, draft(SigningKeyRotated, kid, data));
    });
    const key = { kid, key: privateKey };
    this.cached = { key, at: Date.now() };
    this.logger.log(`signing key rotated; current kid ${kid}`);
    return key;
  }

  /** RFC 7517 key set: the current and the previous public keys. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.current();
    const rows = await this.db
      .getRepository(SigningKeyEntity)
      .find({ where: { status: In(['current', 'previous']) }, order: { createdAt: 'DESC' } });
    return { keys: rows.map((r) => r.publicJwk) };
  }

  private open(row: SigningKeyEntity): ActiveKey | undefined {
    try {
      return { kid: row.kid, key: createPrivateKey(this.encryption.decrypt(row.privateKeyEnc)) };
    } catch {
      this.logger.warn(
        `signing key ${row.kid} cannot be decrypted with this OAUTH_KEY_ENCRYPTION_KEY; rotating`,
      );
      return undefined;
    }
  }
}
