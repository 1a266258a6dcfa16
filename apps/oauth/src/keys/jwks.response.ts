/** A public signing key (RFC 7517 §4; an ES256 key on P-256, RFC 7518 §6.2). */
export class JwkResponse {
  kty: string;
  /** The key id that access and ID tokens name in their `kid` header. */
  kid: string;
  alg?: string;
  use?: string;
  crv?: string;
  x?: string;
  y?: string;
}

/** RFC 7517 §5 JWK set: the current and the previous signing key. */
export class JwksResponse {
  keys: JwkResponse[];
}
