import { SetMetadata } from '@nestjs/common';

/** Marks a route that needs no gateway assertion (health probes, the OAuth endpoints). */
export const IS_PUBLIC = 'platform:public';
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);
