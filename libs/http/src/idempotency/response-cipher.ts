/**
 * Seals a stored first answer (AES-GCM or the like) with additional data binding it to its key
 * record, so a sealed answer copied to another record does not open. Services bind their own
 * secrets key (webhooks' SecretBox has exactly this shape).
 */
export interface ResponseCipher {
  seal(plaintext: string, binding: string): string;
  open(sealed: string, binding: string): string;
}

/** A cipher without additional data (e.g. oauth's KeyEncryption). */
export interface PlainCipher {
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
}

/**
 * A {@link ResponseCipher} over a cipher without additional data: the binding travels inside the
 * authenticated plaintext and must match on opening, which binds as AAD would.
 */
export function bindingInPlaintext(cipher: PlainCipher): ResponseCipher {
  return {
    seal: (plaintext, binding) => cipher.encrypt(JSON.stringify([binding, plaintext])),
    open: (sealed, binding) => {
      const [bound, plaintext] = JSON.parse(cipher.decrypt(sealed)) as [string, string];
      if (bound !== binding) throw new Error('sealed for another idempotency key');
      return plaintext;
    },
  };
}
