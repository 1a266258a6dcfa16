import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ServiceEnv } from '@platform/config';
import { parseRetrySchedule } from './engine/retry-schedule';

const BOOLEAN = ['true', 'false'] as const;
type BooleanText = (typeof BOOLEAN)[number];

export class WebhooksEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3006;

  /** 32 bytes, base64: encrypts webhook secrets and client headers at rest. Required in production. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'WEBHOOKS_ENCRYPTION_KEY must be 32 bytes in base64',
  })
  WEBHOOKS_ENCRYPTION_KEY?: string;

  /** Spec §1: `true` lets postback URLs resolve to loopback/private addresses (tests, local dev). */
  @IsIn(BOOLEAN)
  WEBHOOKS_ALLOW_PRIVATE_NETWORKS: BooleanText = 'false';

  /** Spec §1: `true` allows `http://` postback URLs. */
  @IsIn(BOOLEAN)
  WEBHOOKS_ALLOW_HTTP: BooleanText = 'false';

  /** Delays between attempts, e.g. `5s,30s,2m,10m,30m,1h,3h,6h,12h` (ms, s, m, h). */
  @Matches(/^\s*\d+(ms|s|m|h)\s*(,\s*\d+(ms|s|m|h)\s*)*$/, {
    message: 'WEBHOOKS_RETRY_SCHEDULE must be comma-separated durations such as 5s,30s,2m,1h',
  })
  WEBHOOKS_RETRY_SCHEDULE: string = '5s,30s,2m,10m,30m,1h,3h,6h,12h';

  /** How often each worker looks for due deliveries. */
  @IsInt()
  @Min(5)
  @Max(10000)
  WEBHOOKS_POLL_MS: number = 100;

  /** Deliveries one instance sends at once, over every subscription. */
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOKS_CONCURRENCY: number = 128;

  /** Deliveries of one subscription in flight at once, over every instance. */
  @IsInt()
  @Min(1)
  @Max(100)
  WEBHOOKS_MAX_IN_FLIGHT_PER_SUBSCRIPTION: number = 8;

  /** `false` runs the API and the event feed without sending (e.g. a dedicated API instance). */
  @IsIn(BOOLEAN)
  WEBHOOKS_WORKER: BooleanText = 'true';

  get allowPrivateNetworks(): boolean {
    return this.WEBHOOKS_ALLOW_PRIVATE_NETWORKS === 'true';
  }

  get allowHttp(): boolean {
    return this.WEBHOOKS_ALLOW_HTTP === 'true';
  }

  get workerEnabled(): boolean {
    return this.WEBHOOKS_WORKER === 'true';
  }

  get retrySchedule(): number[] {
    return parseRetrySchedule(this.WEBHOOKS_RETRY_SCHEDULE);
  }
}
