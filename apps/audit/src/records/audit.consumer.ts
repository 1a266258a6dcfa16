import { Injectable } from '@nestjs/common';
import {
  AccessGranted,
  AccessRequestApproved,
  AccessRequestCreated,
  AccessRequestDenied,
  AccessRevoked,
  ClientCreated,
  ClientDeleted,
  ClientSecretRotated,
  ClientUpdated,
  CustomerCreated,
  CustomerIdentifierMapped,
  DatabaseCreated,
  EntityCreated,
  EventEnvelope,
  IntegrationChannelRequestDone,
  IntegrationChannelRequested,
  IntegrationChannelsUpdated,
  IntegrationCheckCompleted,
  IntegrationHomologated,
  LicenseCreated,
  LicenseExpired,
  LicenseRevoked,
  LicenseUpdated,
  ResellerCreated,
  SecurityDecision,
  SigningKeyRotated,
  SystemCreated,
  TokenIssued,
  TokenRevoked,
  UserCreated,
  UserDisabled,
  UserUpdated,
  WebhookCreated,
  WebhookDeleted,
  WebhookDeliveriesReplayed,
  WebhookDisabled,
  WebhookSecretRotated,
  WebhookUpdated,
} from '@platform/contracts';
import { ConsumeContext, OnEvent } from '@platform/messaging';
import { AuditWriter } from './audit-writer';

/**
 * The events spec §7 requires on record: failed authentication decisions, tokens issued and
 * revoked, admin changes (clients, customers and their identifier mappings, signing keys, users,
 * resellers, entities, databases, systems, licenses, webhook subscriptions, their secrets and
 * bulk replays) and
 * access
 * changes. Each is appended in the transaction of its inbox
 * mark, so an event is recorded exactly once.
 */
@Injectable()
export class AuditConsumer {
  constructor(private readonly writer: AuditWriter) {}

  private async record(event: EventEnvelope<unknown>, ctx: ConsumeContext): Promise<void> {
    await this.writer.append(ctx.manager, event);
  }

  @OnEvent(SecurityDecision) securityDecision(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(TokenIssued) tokenIssued(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(TokenRevoked) tokenRevoked(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(ClientCreated) clientCreated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(ClientSecretRotated) clientSecretRotated(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(ClientDeleted) clientDeleted(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(ClientUpdated) clientUpdated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(CustomerCreated) customerCreated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(CustomerIdentifierMapped) customerIdentifierMapped(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(SigningKeyRotated) signingKeyRotated(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(UserCreated) userCreated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(UserUpdated) userUpdated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(UserDisabled) userDisabled(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(AccessGranted) accessGranted(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(AccessRevoked) accessRevoked(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(AccessRequestCreated) accessRequestCreated(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(AccessRequestApproved) accessRequestApproved(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(AccessRequestDenied) accessRequestDenied(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(LicenseCreated) licenseCreated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(LicenseExpired) licenseExpired(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(LicenseRevoked) licenseRevoked(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(EntityCreated) entityCreated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(DatabaseCreated) databaseCreated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(WebhookDisabled) webhookDisabled(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(LicenseUpdated) licenseUpdated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(ResellerCreated) resellerCreated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(SystemCreated) systemCreated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(WebhookCreated) webhookCreated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(WebhookUpdated) webhookUpdated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(WebhookDeleted) webhookDeleted(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(WebhookSecretRotated) webhookSecretRotated(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(WebhookDeliveriesReplayed) webhookDeliveriesReplayed(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  // A context's integration (ADR 15 stage 2): its channels, requests and self-homologation.
  @OnEvent(IntegrationChannelsUpdated) integrationChannels(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(IntegrationChannelRequested) channelRequested(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(IntegrationChannelRequestDone) channelRequestDone(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(IntegrationCheckCompleted) checkCompleted(
    e: EventEnvelope,
    c: ConsumeContext,
  ): Promise<void> {
    return this.record(e, c);
  }
  @OnEvent(IntegrationHomologated) homologated(e: EventEnvelope, c: ConsumeContext): Promise<void> {
    return this.record(e, c);
  }
}
