import { AccessEntity } from './accesses/access.entity';
import { KnownDatabase, KnownEntity } from './contexts/known-context.entity';
import { integrationEntities } from './integration/integration.entities';
import { AccessRequestEntity } from './requests/access-request.entity';

export const authorizationsEntities = [
  AccessEntity,
  AccessRequestEntity,
  KnownEntity,
  KnownDatabase,
  ...integrationEntities,
];
