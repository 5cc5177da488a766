/**
 * The PKCE (RFC 7636) code challenge, on WebCrypto only so it runs the same in Node and browsers.
 * The client loads this module on the first digest; verifiers are made in random.ts.
 */
import { invalid, oneOf } from '../validate.js';

/** How a code challenge is derived from its verifier. */
export type CodeChallengeMethod = 'S256' | 'plain';

/** Arguments of {@link getCodeChallengeDigest}. */
export interface CodeChallengeDigestOptions {
  /** The verifier from `generateCodeChallenge()` (43 to 128 characters of `[A-Za-z0-9-._~]`). */
  codeChallenge: string;
  /** Default `S256`. */
  method?: CodeChallengeMethod;
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const METHODS: readonly CodeChallengeMethod[] = ['S256', 'plain'];

// core/rsa.ts has the same base64 step; importing it from this lazy chunk grew the first chunk by 0.3 KB gzipped (measured), more than these lines.
function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The code challenge to send for a verifier: `S256` is base64url(SHA-256(verifier)) without
 * padding, `plain` the verifier itself. Asynchronous because WebCrypto's digest is.
 * @throws {@link AuthingValidationError} for a missing or malformed verifier or an unknown method
 */
export async function getCodeChallengeDigest(options: CodeChallengeDigestOptions): Promise<string> {
  const { codeChallenge, method = 'S256' } = (options ?? {}) as Partial<CodeChallengeDigestOptions>;
  if (typeof codeChallenge !== 'string' || !VERIFIER.test(codeChallenge)) {
    invalid('codeChallenge', 'codeChallenge must be 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" or "~"');
  }
  oneOf('method', method, METHODS);
  if (method === 'plain') return codeChallenge;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeChallenge));
  return base64url(new Uint8Array(digest));
}
