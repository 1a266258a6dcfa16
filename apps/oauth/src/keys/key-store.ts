import { createPrivateKey, generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JWK } from 'jose';
import { SecretBox } from '@platform/auth';
import { SigningKeyRotated } from '@platform/contracts';
import { Clock } from '@platform/http';
import { draft, OutboxPublisher } from '@platform/messaging';
import type { AdminActor } from '../shared/admin-actor';
import type { SigningKeyEntity } from './signing-key.entity';
import { SigningKeysRepository } from './signing-keys.repository';

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
    @Inject(SigningKeysRepository) private readonly keys: SigningKeysRepository,
    @Inject(SecretBox) private readonly box: SecretBox,
    private readonly outbox: OutboxPublisher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async current(): Promise<ActiveKey> {
    if (this.cached && this.clock.now().getTime() - this.cached.at < CACHE_MS)
      return this.cached.key;
    const row = await this.keys.findCurrent();
    const key = row ? this.open(row) : undefined;
    const active = key ?? (await this.rotate(row ? 'undecryptable' : 'no-current-key'));
    this.cached = { key: active, at: this.clock.now().getTime() };
    return active;
  }

  /** current → previous, previous → retired, and a fresh current key; recorded as `signing_key.rotated`. */
  async rotate(reason: RotationReason = 'requested', actor: AdminActor = {}): Promise<ActiveKey> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = randomUUID();
    const rotatedAt = this.clock.now();
    await this.keys.transaction(async (m) => {
      await this.keys.lockRotationForUpdate(m);
      const previous = await this.keys.findCurrent(m);
      await this.keys.demoteAll(m);
      await this.keys.insert(
        {
          kid,
          alg: SIGNING_ALG,
          status: 'current',
          publicJwk: {
            ...(publicKey.export({ format: 'jwk' }) as JWK),
            kid,
            alg: SIGNING_ALG,
            use: 'sig',
          },
          privateKeyEnc: this.box.seal(
            privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
          ),
        },
        m,
      );
      const data = {
        kid,
        previousKid: previous?.kid,
        rotatedAt: rotatedAt.toISOString(),
        reason,
        ...actor,
      };
      await this.outbox.add(m, draft(SigningKeyRotated, kid, data));
    });
    const key = { kid, key: privateKey };
    this.cached = { key, at: this.clock.now().getTime() };
    this.logger.log(`signing key rotated; current kid ${kid}`);
    return key;
  }

  /** RFC 7517 key set: the current and the previous public keys. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.current();
    const rows = await this.keys.listPublished();
    return { keys: rows.map((r) => r.publicJwk) };
  }

  private open(row: SigningKeyEntity): ActiveKey | undefined {
    try {
      return { kid: row.kid, key: createPrivateKey(this.box.open(row.privateKeyEnc)) };
    } catch {
      this.logger.warn(
        `signing key ${row.kid} cannot be decrypted with this OAUTH_KEY_ENCRYPTION_KEY; rotating`,
      );
      return undefined;
    }
  }
}
