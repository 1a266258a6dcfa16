/**
 * What the SPA learns about its session: never a token, only who and where. The BFF answers it
 * (session.controller.ts) and the SPA reads it (web/src/api/types.ts): a plain type with no
 * imports, so the browser build can share it.
 */
export interface SessionView {
  signedIn: boolean;
  user?: string;
  scopes?: string[];
  platformAdmin?: boolean;
  accessId?: string | null;
  csrfToken?: string;
  /** The portal's own OAuth client (set by configuration; the SPA offers no secret rotation for it). */
  portalClientId?: string;
}
