import { IsInt, Max, Min } from 'class-validator';
import { ServiceEnv } from '@platform/config';

export class NotificationsEnv extends ServiceEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3005;
}
