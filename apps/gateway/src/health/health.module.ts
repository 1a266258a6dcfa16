import { Module } from '@nestjs/common';
import { UpstreamReadiness } from './upstream-readiness';

/** `/health/live` and `/health/ready` come from HttpCommonModule; this feeds `ready`. */
@Module({ providers: [UpstreamReadiness] })
export class GatewayHealthModule {}
