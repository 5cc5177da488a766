import { createLocalJWKSet, importJWK, jwtVerify, SignJWT, type CryptoKey } from 'jose';
import type Provider from 'oidc-provider';
import type { SigningJwk } from './keys.js';

interface TokenLike {
  jti: string;
  accountId?: string;
  clientId?: string;
  scope?: string;
  iat?: number;
  exp?: number;
  getValueAndPayload(): Promise<{ value: string; payload: Record<string, unknown> | undefined }>;
}

/**
 * Access tokens as Authing issues them: a JWT signed with the provider's RS256 key (so
 * `validateToken` checks it against the JWKS), and still a stored token (so introspection,
 * revocation and userinfo work, as for opaque ones). oidc-provider stores a token under its `jti`
 * and answers the value `getValueAndPayload` returns; here the value becomes a JWT whose `jti` is
 * that id, and the adapter (oidc/adapter.ts) finds the row by the JWT's `jti`. A JWT whose row is
 * gone (revoked, expired) is no token, whatever its signature.
 */
export async function issueJwtAccessTokens(provider: Provider, key: SigningJwk): Promise<void> {
  const signingKey = (await importJWK(key, 'RS256')) as CryptoKey;
  for (const Model of [provider.AccessToken, provider.ClientCredentials]) {
    const proto = Model.prototype as unknown as TokenLike;
    const opaque = proto.getValueAndPayload;
    proto.getValueAndPayload = async function (this: TokenLike) {
      const { payload } = await opaque.call(this);
      const iat = (payload?.iat as number | undefined) ?? Math.floor(Date.now() / 1000);
      const exp = payload?.exp as number | undefined;
      const jwt = new SignJWT({ scope: this.scope ?? '' })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setIssuer(provider.issuer)
        .setSubject(this.accountId ?? this.clientId ?? '')
        .setJti(this.jti)
        .setIssuedAt(iat);
      if (this.clientId) jwt.setAudience(this.clientId);
      if (exp) jwt.setExpirationTime(exp);
      const value = await jwt.sign(signingKey);
      Object.defineProperty(this, ISSUED_VALUE, { value, configurable: true });
      return { value, payload };
    };
  }
  // oidc-provider sets `at_hash` only for tokens from the authorization endpoint; Authing's
  // id_token from the token endpoint carries it too (OIDC Core §3.1.3.6 allows it): the hash of
  // the access token issued in the same answer.
  const idToken = provider.IdToken.prototype as unknown as IdTokenLike;
  const issue = idToken.issue;
  idToken.issue = function (this: IdTokenLike, options) {
    const issued = (this.ctx?.oidc.entities as { AccessToken?: Record<symbol, string> } | undefined)?.AccessToken?.[ISSUED_VALUE];
    if (options?.use === 'idtoken' && issued && this.extra.at_hash === undefined) this.set('at_hash', issued);
    return issue.call(this, options);
  };
}

/** Reads the `jti` of a token value: a JWT only when its signature is the provider's. */
export type JtiReader = (value: string) => Promise<string | null>;

/**
 * The stored id a presented JWT stands for: its `jti`, once its signature verifies against the
 * provider's keys (expiry is the stored row's to decide, so it is not checked here). A JWT of
 * another key, or altered, stands for nothing.
 */
export function jtiReader(keys: readonly SigningJwk[]): JtiReader {
  const publicKeys = createLocalJWKSet({ keys: keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use })) });
  return async (value) => {
    try {
      const { payload } = await jwtVerify(value, publicKeys, { algorithms: ['RS256'], clockTolerance: Number.MAX_SAFE_INTEGER });
      return typeof payload.jti === 'string' ? payload.jti : null;
    } catch {
      return null;
    }
  };
}

/** Where an issued access token keeps its JWT value, for the id_token issued next to it. */
const ISSUED_VALUE = Symbol('authing-local issued value');

interface IdTokenLike {
  ctx?: { oidc: { entities: unknown } };
  extra: Record<string, unknown>;
  set(key: string, value: unknown): void;
  issue(options?: { use?: string }): Promise<string>;
}
