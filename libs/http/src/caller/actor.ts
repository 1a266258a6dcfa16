/**
 * The id a caller acts as: its user when a user signed in, else its client (a service token).
 * Structural so libs/http needs no import of @platform/auth; it belongs next to `Principal` in
 * libs/auth and moves there once that lib is free to change (issue 17).
 */
export const actorId = (caller: { clientId: string; userId?: string }): string =>
  caller.userId ?? caller.clientId;
