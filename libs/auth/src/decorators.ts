import { SetMetadata } from '@nestjs/common';

export const REQUIRED_SCOPES = 'platform:scopes';

/**
 * Scopes a route needs. The gateway enforces the route table first; services check again
 * (defence in depth) so a misrouted call is still refused.
 */
export const Scopes = (...scopes: string[]): ClassDecorator & MethodDecorator =>
  SetMetadata(REQUIRED_SCOPES, scopes);
