import { ClientEntity, ClientTokenEntity } from './clients/client.entity';
import { CustomerEntity, SsoIdentifierEntity, SsoKeyEntity } from './customers/customer.entities';
import { SigningKeyEntity } from './keys/signing-key.entity';
import { SessionEntity } from './login/session.entities';
import {
  AuthorizationCodeEntity,
  RefreshTokenEntity,
  RevocationEntity,
} from './tokens/token.entities';

export const oauthEntities = [
  ClientEntity,
  ClientTokenEntity,
  SigningKeyEntity,
  AuthorizationCodeEntity,
  RefreshTokenEntity,
  RevocationEntity,
  SessionEntity,
  CustomerEntity,
  SsoIdentifierEntity,
  SsoKeyEntity,
];
