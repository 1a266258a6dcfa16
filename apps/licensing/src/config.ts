import { IsInt, Max, Min } from 'class-validator';
import { ServiceEnv } from '@platform/config';

export class LicensingEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3003;

  /** How often the expiry scheduler looks for licenses past `validUntil` (ADR 0007). */
  @IsInt()
  @Min(50)
  @Max(60_000)
  LICENSE_EXPIRY_POLL_MS: number = 1000;
}
