import { Module } from '@nestjs/common';
import { ChainVerifier } from './chain/chain-verifier';
import { AuditConsumer } from './records/audit.consumer';
import { AuditController } from './records/audit.controller';
import { AuditRecordsRepository } from './records/audit-records.repository';
import { AuditWriter } from './records/audit-writer';

@Module({
  controllers: [AuditController],
  providers: [AuditWriter, AuditConsumer, AuditRecordsRepository, ChainVerifier],
})
export class AuditModule {}
