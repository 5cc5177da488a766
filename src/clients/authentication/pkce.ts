/**
 * PKCE (RFC 7636) for the authorization-code flow, on WebCrypto only so it runs the same in Node
 * and browsers. The official SDK draws the verifier from `Math.random`; this draws it from the
 * platform's CSPRNG.
 */
import { toAuthingError } from '../../core/errors.js';
// Loaded on the first digest (the client imports this module lazily); the verifier is made in random.ts.

/** How a code challenge is derived from its verifier. */
export type CodeChallengeMethod = 'S256' | 'plain';

/** Arguments of {@link getCodeChallengeDigest}. */
export interface CodeChallengeDigestOptions {
  /** The verifier from {@link generateCodeChallenge} (43 to 128 characters of `[A-Za-z0-9-._~]`). */
  codeChallenge: string;
  /** Default `S256`. */
  method?: CodeChallengeMethod;
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

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
    throw toAuthingError({ kind: 'validation', argument: 'codeChallenge', message: 'codeChallenge must be 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" or "~"' });
  }
  if (method === 'plain') return codeChallenge;
  if (method !== 'S256') throw toAuthingError({ kind: 'validation', argument: 'method', message: 'method must be S256 or plain' });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeChallenge));
  return base64url(new Uint8Array(digest));
}
