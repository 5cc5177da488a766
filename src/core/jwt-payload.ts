/**
 * The claims of a JWT, read without verifying it: what the client needs to know of its own
 * tokens (`exp`, `sub`). Not jose's `decodeJwt` on purpose: jose is loaded only by the token
 * checks (clients/authentication/protocol-tokens.ts), and a jose module in the first chunk makes
 * the bundler split what it shares with them into a chunk of its own (measured: +2 KB gzipped).
 * @param token - a compact JWS
 * @returns the payload object
 * @throws TypeError when the token is not a JWT with a JSON object payload
 */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (part === undefined || token.split('.').length !== 3) throw new TypeError('not a JWT');
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const payload: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new TypeError('JWT payload is not an object');
  return payload as Record<string, unknown>;
}
