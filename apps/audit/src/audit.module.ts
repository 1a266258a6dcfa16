import { Module } from '@nestjs/common';
import { ChainMac } from './chain/chain-mac';
import { ChainVerifier } from './chain/chain-verifier';
import { AuditEnv } from './config';
import { AuditConsumer } from './records/audit.consumer';
import { AuditController } from './records/audit.controller';
import { AuditRecordsRepository } from './records/audit-records.repository';
import { AuditWriter } from './records/audit-writer';
import { ListAuditEventsUseCase } from './records/usecases/list-audit-events.usecase';

@Module({
  controllers: [AuditController],
  providers: [
    { provide: ChainMac, inject: [AuditEnv], useFactory: (env: AuditEnv) => ChainMac.fromEnv(env) },
    AuditWriter,
    AuditConsumer,
    AuditRecordsRepository,
    ListAuditEventsUseCase,
    ChainVerifier,
  ],
})
export class AuditModule {}
