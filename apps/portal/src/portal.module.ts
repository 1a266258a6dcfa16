import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { Clock, SystemClock } from '@platform/http';
import { GatewayClients } from './gateway/gateway-client';
import { AccessesController } from './screens/accesses/accesses.controller';
import { ApplicationsController } from './screens/applications/applications.controller';
import { AuditController } from './screens/audit/audit.controller';
import { HomeController } from './screens/home/home.controller';
import { IntegrationController } from './screens/integration/integration.controller';
import { LicensesController } from './screens/licenses/licenses.controller';
import { NotificationStream } from './screens/notifications/notification-stream';
import { NotificationsController } from './screens/notifications/notifications.controller';
import { WebhooksController } from './screens/webhooks/webhooks.controller';
import { ContextPicker } from './session/context-picker';
import { SessionController } from './session/session.controller';
import { SessionGuard } from './session/session.guard';
import { SessionStore } from './session/session.store';
import { SessionsRepository } from './session/sessions.repository';
import { SelectContextUseCase } from './session/usecases/select-context.usecase';
import { PlatformOAuth } from './sign-in/platform-oauth';
import { PlatformStrategy } from './sign-in/platform.strategy';
import { SignInController } from './sign-in/sign-in.controller';

/** The portal's backend-for-frontend (ADR 0015): sign-in, sessions, and one controller per screen. */
@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [
    SignInController,
    SessionController,
    HomeController,
    AccessesController,
    ApplicationsController,
    IntegrationController,
    WebhooksController,
    NotificationsController,
    LicensesController,
    AuditController,
  ],
  providers: [
    { provide: Clock, useClass: SystemClock },
    PlatformOAuth,
    PlatformStrategy,
    SessionsRepository,
    SessionStore,
    SelectContextUseCase,
    SessionGuard,
    GatewayClients,
    ContextPicker,
    NotificationStream,
  ],
})
export class PortalModule {}
