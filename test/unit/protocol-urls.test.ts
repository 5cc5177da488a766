import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthenticationClient, AuthingValidationError } from '../../src/index.js';

const APP_HOST = 'https://my-app.authing.cn';
const client = (extra: Partial<ConstructorParameters<typeof AuthenticationClient>[0]> = {}) =>
  new AuthenticationClient({ appId: 'app1', appHost: APP_HOST, redirectUri: 'http://localhost:8080/cb', ...extra });

const query = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('buildAuthorizeUrl', () => {
  it('builds the OIDC URL with the official defaults and random state and nonce', () => {
    const url = client().buildAuthorizeUrl();
    expect(url.startsWith(`${APP_HOST}/oidc/auth?`)).toBe(true);
    const q = query(url);
    expect(q).toMatchObject({ client_id: 'app1', redirect_uri: 'http://localhost:8080/cb', response_type: 'code', scope: 'openid profile email phone address' });
    expect(q.state).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(q.nonce).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(q.prompt).toBeUndefined();
    expect(query(client().buildAuthorizeUrl()).state).not.toBe(q.state);
  });

  it('takes every OIDC parameter, asks consent for offline_access and encodes values', () => {
    const q = query(
      client().buildAuthorizeUrl({
        appId: 'other',
        redirectUri: 'http://localhost:9/x?a=1&b=2',
        scope: 'openid offline_access',
        state: 's t&=',
        nonce: 'n1',
        responseMode: 'form_post',
        responseType: 'code id_token',
        codeChallenge: 'c'.repeat(43),
        codeChallengeMethod: 'S256',
        tenantId: 't1',
      }),
    );
    expect(q).toEqual({
      client_id: 'other',
      redirect_uri: 'http://localhost:9/x?a=1&b=2',
      scope: 'openid offline_access',
      state: 's t&=',
      nonce: 'n1',
      response_mode: 'form_post',
      response_type: 'code id_token',
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
      tenant_id: 't1',
      prompt: 'consent',
    });
  });

  it('defaults the challenge method to S256 when a challenge is given', () => {
    expect(query(client().buildAuthorizeUrl({ codeChallenge: 'x'.repeat(43) })).code_challenge_method).toBe('S256');
  });

  it('builds OAuth, SAML and CAS URLs', () => {
    const oauth = query(client({ protocol: 'oauth' }).buildAuthorizeUrl());
    expect(oauth).toMatchObject({ client_id: 'app1', redirect_uri: 'http://localhost:8080/cb', response_type: 'code', scope: 'user' });
    expect(client({ protocol: 'oauth' }).buildAuthorizeUrl().startsWith(`${APP_HOST}/oauth/auth?`)).toBe(true);
    expect(client({ protocol: 'saml' }).buildAuthorizeUrl()).toBe(`${APP_HOST}/api/v2/saml-idp/app1`);
    expect(client({ protocol: 'cas' }).buildAuthorizeUrl()).toBe(`${APP_HOST}/cas-idp/app1`);
    expect(client({ protocol: 'cas' }).buildAuthorizeUrl({ service: 'http://localhost/s?x=1' })).toBe(`${APP_HOST}/cas-idp/app1?service=http%3A%2F%2Flocalhost%2Fs%3Fx%3D1`);
  });

  it('refuses an OIDC or OAuth URL without a redirectUri, and an unknown protocol', () => {
    const noRedirect = new AuthenticationClient({ appId: 'app1', appHost: APP_HOST });
    expect(() => noRedirect.buildAuthorizeUrl()).toThrow(AuthingValidationError);
    expect(() => noRedirect.buildAuthorizeUrl()).toThrow(expect.objectContaining({ argument: 'redirectUri' }));
    expect(query(noRedirect.buildAuthorizeUrl({ redirectUri: 'http://a/b' })).redirect_uri).toBe('http://a/b');
    expect(() => new AuthenticationClient({ appId: 'a', appHost: APP_HOST, protocol: 'ldap' as never })).toThrow(expect.objectContaining({ argument: 'protocol' }));
    expect(() => client().buildAuthorizeUrl({ codeChallenge: 'x'.repeat(43), codeChallengeMethod: 'MD5' as never })).toThrow(AuthingValidationError);
  });

  it('ignores a trailing slash on appHost', () => {
    expect(client({ appHost: `${APP_HOST}/`, protocol: 'saml' }).buildAuthorizeUrl()).toBe(`${APP_HOST}/api/v2/saml-idp/app1`);
  });
});

describe('buildLogoutUrl', () => {
  it('builds the hosted, OIDC expert and CAS logout URLs', () => {
    expect(client().buildLogoutUrl()).toBe(`${APP_HOST}/login/profile/logout`);
    expect(client().buildLogoutUrl({ redirectUri: 'http://localhost/' })).toBe(`${APP_HOST}/login/profile/logout?redirect_uri=http%3A%2F%2Flocalhost%2F`);
    expect(client().buildLogoutUrl({ expert: true })).toBe(`${APP_HOST}/oidc/session/end`);
    expect(query(client().buildLogoutUrl({ expert: true, idToken: 'a.b.c', redirectUri: 'http://localhost/' }))).toEqual({ id_token_hint: 'a.b.c', post_logout_redirect_uri: 'http://localhost/' });
    expect(client({ protocol: 'oauth' }).buildLogoutUrl({ expert: true })).toBe(`${APP_HOST}/login/profile/logout`);
    expect(client({ protocol: 'cas' }).buildLogoutUrl()).toBe(`${APP_HOST}/cas-idp/logout`);
    expect(client({ protocol: 'cas' }).buildLogoutUrl({ redirectUri: 'http://localhost/' })).toBe(`${APP_HOST}/cas-idp/logout?url=http%3A%2F%2Flocalhost%2F`);
  });

  it('refuses an expert logout with only one of idToken and redirectUri', () => {
    expect(() => client().buildLogoutUrl({ expert: true, idToken: 'a.b.c' })).toThrow(expect.objectContaining({ argument: 'redirectUri' }));
    expect(() => client().buildLogoutUrl({ expert: true, redirectUri: 'http://localhost/' })).toThrow(expect.objectContaining({ argument: 'idToken' }));
  });
});

describe('PKCE', () => {
  it('makes 43-character verifiers of the unreserved alphabet, all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const v = client().generateCodeChallenge();
      expect(v).toMatch(/^[A-Za-z0-9]{43}$/);
      seen.add(v);
    }
    expect(seen.size).toBe(200);
  });

  it('derives S256 as base64url(sha256) without padding, and plain as the verifier', async () => {
    const auth = client();
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9\-._~]{43,128}$/), async (verifier) => {
        expect(await auth.getCodeChallengeDigest({ codeChallenge: verifier })).toBe(createHash('sha256').update(verifier).digest('base64url'));
        expect(await auth.getCodeChallengeDigest({ codeChallenge: verifier, method: 'plain' })).toBe(verifier);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses malformed verifiers and unknown methods with a typed error', async () => {
    const auth = client();
    await expect(auth.getCodeChallengeDigest({ codeChallenge: 'short' })).rejects.toMatchObject({ name: 'AuthingValidationError', argument: 'codeChallenge' });
    await expect(auth.getCodeChallengeDigest({ codeChallenge: `${'a'.repeat(43)} ` })).rejects.toBeInstanceOf(AuthingValidationError);
    await expect(auth.getCodeChallengeDigest(undefined as never)).rejects.toBeInstanceOf(AuthingValidationError);
    await expect(auth.getCodeChallengeDigest({ codeChallenge: 'a'.repeat(43), method: 'MD5' as never })).rejects.toMatchObject({ argument: 'method' });
  });
});
