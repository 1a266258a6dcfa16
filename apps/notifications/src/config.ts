import { IsInt, Max, Min } from 'class-validator';
import { ServiceEnv } from '@platform/config';

export class NotificationsEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3005;

  /**
   * How often an open message stream sends an SSE comment (`: keep-alive`) when there is nothing
   * else to say, so that the gateway, proxies and browsers do not take an idle stream for a dead one.
   */
  @IsInt()
  @Min(100)
  @Max(60_000)
  SSE_HEARTBEAT_MS: number = 15_000;
}
