import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyReply, FastifyRequest } from 'fastify';

type SignInRequest = FastifyRequest & { fastifyReply?: FastifyReply; signInRedirect?: string };

/**
 * Passport speaks Node's ServerResponse (`statusCode`, `setHeader`, `end`); on Fastify this guard
 * hands it a small response that records the redirect instead, and lets the controller answer.
 * Both legs use it: the start (passport redirects to the authorization endpoint) and the callback
 * (passport exchanges the code and yields the signed-in user).
 */
@Injectable()
export class SignInGuard extends AuthGuard('platform') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<SignInRequest>();
    request.fastifyReply = http.getResponse<FastifyReply>();
    const redirected = new Promise<'redirected'>((resolve) => {
      redirectRecorders.set(request, (location) => {
        request.signInRedirect = location;
        resolve('redirected');
      });
    });
    const outcome = await Promise.race([
      super.canActivate(context) as Promise<boolean>,
      redirected,
    ]);
    return outcome === 'redirected' ? true : outcome;
  }

  getResponse(context: ExecutionContext): unknown {
    const request = context.switchToHttp().getRequest<SignInRequest>();
    return new PassportResponse((location) => redirectRecorders.get(request)?.(location));
  }

  override getAuthenticateOptions(): { session: boolean } {
    return { session: false };
  }

  /** A refused or abandoned sign-in is shown to the user, not thrown as a 401 page. */
  override handleRequest<T>(err: unknown, user: T, info: unknown): T | SignInFailure {
    if (user && !err) return user;
    const message =
      err instanceof Error ? err.message : (info as { message?: string } | undefined)?.message;
    return { failed: message ?? 'sign-in failed' };
  }
}

export interface SignInFailure {
  failed: string;
}

const redirectRecorders = new WeakMap<FastifyRequest, (location: string) => void>();

/** The parts of ServerResponse that passport's `redirect()` uses. */
class PassportResponse {
  statusCode = 200;
  private location = '';

  constructor(private readonly onRedirect: (location: string) => void) {}

  setHeader(name: string, value: string): void {
    if (name.toLowerCase() === 'location') this.location = value;
  }

  end(): void {
    if (this.location) this.onRedirect(this.location);
  }
}

/** Where passport sent the browser, when it did (the start of sign-in). */
export const signInRedirectOf = (request: FastifyRequest): string | undefined =>
  (request as SignInRequest).signInRedirect;
