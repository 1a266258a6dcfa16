import { IsInt, Max, Min } from 'class-validator';
import { ServiceEnv } from '@platform/config';

export class AuthorizationsEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3002;

  /**
   * Re-declared with its type annotated: ServiceEnv's inferred `= 500` carries no decorator
   * type metadata, so a KAFKA_MAX_WAIT_MS from the environment stayed a string and failed.
   */
  @IsInt()
  @Min(10)
  @Max(30000)
  override KAFKA_MAX_WAIT_MS: number = 500;
}
