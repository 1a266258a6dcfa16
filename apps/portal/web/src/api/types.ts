// What the BFF relays from the platform's APIs. Request bodies are the generated OpenAPI types,
// so a changed API breaks this build; response shapes are written here until the services'
// documents describe them (spec §9).
import type { components } from '../../../src/gateway/gateway-api';

export type Schemas = components['schemas'];
export type SaveSubscription = Schemas['SaveSubscriptionDto'];
export type CreateClient = Schemas['CreateClientDto'];
export type IssueClientToken = Schemas['IssueClientTokenDto'];

export interface Page<T> {
  offset: number;
  limit: number;
  hasNext: boolean;
  content: T[];
}

/** The BFF's own answer about the session, one type for both sides. */
export type { SessionView } from '../../../src/session/session-view';

export interface Context {
  entity: string;
  database: string;
}

export interface Access {
  id: string;
  user: string;
  admin: boolean;
  role: 'admin' | 'technician' | 'user';
  context: Context;
  active: boolean;
  lastActivityAt?: string | null;
  createdAt: string;
}

export interface AccessRequest {
  id: string;
  user: string;
  context: Context;
  message: string | null;
  status: 'pending' | 'approved' | 'denied';
  createdAt: string;
}

export interface Entity {
  id: string;
  nome: string;
}

/** A context's application (ADR 15 stage 2), as oauth's context routes describe it. */
export type Client = Schemas['ClientResponse'];
export type ClientWithSecret = Schemas['ClientWithSecretResponse'];
export type ClientToken = Schemas['ClientTokenResponse'];
export type IssuedClientToken = Schemas['ClientTokenIssuedResponse'];

/** A context's integration: channels, homologation, the latest checks, pending requests. */
export type Integration = Schemas['IntegrationView'];
export type ChannelRequest = Schemas['ChannelRequestView'];
export type HomologationRun = Schemas['HomologationRunView'];
export type StoredCheck = Schemas['CheckView'];
export type UpdateChannels = Schemas['UpdateChannelsDto'];
export type TokenCheckReport = Schemas['TokenCheckReport'];
export type ReceiverReport = Schemas['HomologationReport'];

export interface Subscription {
  id: string;
  action: string;
  status: 'active' | 'inactive' | 'disabled';
  postbackUrl: string;
  techOwnerName: string;
  techOwnerEmail: string;
  clientHeaders: Record<string, string>;
  rateLimit: { requests: number; perSeconds: number } | null;
  timeoutMs: number;
  oauth2: {
    tokenUrl: string;
    clientId: string;
    scope?: string;
    authType: 'client_secret_basic' | 'client_secret_post';
  } | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
  secret?: string;
}

export type Delivery = Schemas['DeliveryResponse'];

export interface Message {
  id: string;
  text: string;
  link: string | null;
  read: boolean;
  destination: 'USER' | 'CONTEXT' | 'PLATFORM_ADMINS';
  type: string | null;
  createdAt: string;
}

export type License = Schemas['ContextLicenseResponse'];

export interface AuditEvent {
  seq: string;
  eventId: string;
  type: string;
  source: string;
  time: string;
  actor: string | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  entity: string | null;
}

export type ChainVerification = Schemas['ChainVerification'];
