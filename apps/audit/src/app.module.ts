import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@platform/config';
import { AuthModule } from '@platform/auth';
import { HttpCommonModule } from '@platform/http';
import { MessagingModule, messagingEntities, ServiceRuntime } from '@platform/messaging';
import { PersistenceModule } from '@platform/persistence';
import { AuditEnv } from './config';
import { AuditModule } from './audit.module';
import { schemaMigrations } from './schema';
import { AUDIT_APPENDER_ROLE } from './migrations/1731000000200-audit-append-only-role';
import { AuditRecordEntity } from './records/audit-record.entity';

@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot('audit', AuditEnv, runtime.env),
        HttpCommonModule,
        AuthModule,
        PersistenceModule.forRoot({
          entities: [...messagingEntities, AuditRecordEntity],
          migrations: schemaMigrations,
          // Queries run as a role that may only append to and read the audit records (ADR 0006).
          sessionRole: AUDIT_APPENDER_ROLE,
        }),
        MessagingModule.forRoot({ bus: runtime.bus }),
        AuditModule,
      ],
    };
  }
}
