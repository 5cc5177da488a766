/** Random strings from the platform's CSPRNG (WebCrypto), for PKCE verifiers and OIDC `state` / `nonce`. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random characters of {@link ALPHABET}, unbiased (62 does not divide 256, so bytes past 247 are drawn again). */
export function randomString(length: number): string {
  let out = '';
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const b of bytes) {
      if (b < limit && out.length < length) out += ALPHABET[b % ALPHABET.length];
    }
  }
  return out;
}

/** A fresh PKCE code verifier: 43 random characters, as the official SDK makes them. */
export function generateCodeChallenge(): string {
  return randomString(43);
}
