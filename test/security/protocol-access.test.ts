/**
 * Access control on the identity-protocol endpoints, with every credential that must not work:
 * none, wrong or foreign client secrets, Authing's own user and management tokens, forged and
 * altered JWTs, another pool's users, blocked users, a hosted-login form without its browser.
 */
import { startLocalAuthing, type LocalAuthing, type PoolCredentials } from 'authing-local';
import { AuthenticationClient, ManagementClient } from 'authing-ts';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken } from '../integration/harness.js';
import { testDatabase } from '../../server/test/support/databases.js';

let server: LocalAuthing;
let other: PoolCredentials;
let management: ManagementClient;
const PASSWORD = 'access-pa55word!';

beforeAll(async () => {
  server = await startLocalAuthing({ port: 0, db: testDatabase(), log: () => undefined });
  other = await server.createUserPool('Other pool');
  management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
  await management.users.create({ username: 'alice', password: PASSWORD });
  await new ManagementClient({ userPoolId: other.userPoolId, secret: other.secret, host: server.url }).users.create({ username: 'bob', password: PASSWORD });
});

afterAll(async () => {
  await server?.close();
});

async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

const passwordGrant = (clientId: string, clientSecret: string, username = 'alice') =>
  token({ grant_type: 'password', username, password: PASSWORD, scope: 'openid offline_access', client_id: clientId, client_secret: clientSecret });

async function userinfo(bearer: string) {
  const res = await fetch(`${server.url}/oidc/me`, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function introspect(value: string) {
  const res = await fetch(`${server.url}/oidc/token/introspection`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: value, client_id: server.appId, client_secret: server.appSecret }).toString(),
  });
  return (await res.json()) as Record<string, unknown>;
}

describe('the token endpoint refuses every client credential that is not the app\'s own', () => {
  it('no credentials, a wrong secret, another pool\'s secret, a user token or the pool secret', async () => {
    const userToken = (await new AuthenticationClient({ appId: server.appId, appHost: server.url }).loginByUsername('alice', PASSWORD)).token!;
    expect((await token({ grant_type: 'password', username: 'alice', password: PASSWORD })).body.error).toBe('invalid_request');
    for (const secret of ['0'.repeat(32), other.appSecret, userToken, server.secret, '']) {
      const { status, body } = await passwordGrant(server.appId, secret);
      expect(status, `secret ${secret.slice(0, 12)}`).toBeGreaterThanOrEqual(400);
      expect(['invalid_client', 'invalid_request']).toContain(body.error);
    }
    expect((await passwordGrant(other.appId, server.appSecret)).body.error).toBe('invalid_client');
    expect((await passwordGrant(server.appId, server.appSecret)).status).toBe(200);
  });

  it("does not sign in another pool's user through this pool's app", async () => {
    expect((await passwordGrant(server.appId, server.appSecret, 'bob')).body.error).toBe('invalid_grant');
    expect((await passwordGrant(other.appId, other.appSecret, 'bob')).status).toBe(200);
  });
});

describe('userinfo and introspection take only the provider\'s own live tokens', () => {
  it("refuses Authing's login and management tokens, forged and altered JWTs", async () => {
    const { body } = await passwordGrant(server.appId, server.appSecret);
    const accessToken = body.access_token!;
    expect((await userinfo(accessToken)).status).toBe(200);

    const userToken = (await new AuthenticationClient({ appId: server.appId, appHost: server.url }).loginByUsername('alice', PASSWORD)).token!;
    const managementToken = await adminToken({ server });
    // The same claims and jti, signed by a key that is not the provider's.
    const { privateKey } = await generateKeyPair('RS256');
    const claims = decodeJwt(accessToken);
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: decodeProtectedHeader(accessToken).kid!, typ: 'JWT' }).sign(privateKey);
    const [h, , sig] = accessToken.split('.') as [string, string, string];
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${sig}`;
    for (const [label, bearer] of [['login token', userToken], ['management token', managementToken], ['forged', forged], ['altered', altered], ['nonsense', 'abc.def.ghi']] as const) {
      const answer = await userinfo(bearer);
      expect(answer.status, label).toBe(401);
      expect(answer.body.error, label).toBe('invalid_token');
      expect(await introspect(bearer), label).toEqual({ active: false });
    }
  });

  it('ends the tokens of a user who is blocked', async () => {
    const user = await management.users.create({ username: 'carol', password: PASSWORD });
    const { body } = await passwordGrant(server.appId, server.appSecret, 'carol');
    expect((await userinfo(body.access_token!)).status).toBe(200);
    await management.users.update(user.id, { blocked: true });
    expect((await userinfo(body.access_token!)).status).toBe(401);
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token!, client_id: server.appId, client_secret: server.appSecret });
    expect(refreshed.body.error).toBe('invalid_grant');
  });
});

describe('the hosted login', () => {
  it('refuses a form posted without the browser that opened the interaction', async () => {
    const app = await management.applications.create({ name: 'access app', identifier: 'access-app', redirectUris: ['http://127.0.0.1:9/cb'] });
    const auth = new AuthenticationClient({ appId: app.id, appHost: server.url, redirectUri: 'http://127.0.0.1:9/cb' });
    const start = await fetch(auth.buildAuthorizeUrl(), { redirect: 'manual' });
    const interaction = new URL(start.headers.get('location')!, server.url).href;
    const posted = await fetch(`${interaction}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ account: 'alice', password: PASSWORD, csrf: 'x' }).toString(),
      redirect: 'manual',
    });
    expect(posted.status).toBe(400);
    expect(posted.headers.get('location')).toBeNull();
  });
});
