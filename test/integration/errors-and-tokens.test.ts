import {
  AuthenticationClient,
  AuthingAuthenticationError,
  AuthingConnectionError,
  AuthingError,
  ManagementClient,
  SDK_VERSION,
  type FetchLike,
} from 'authing-ts';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();


interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

/** A fetch of our own that records what one client sends. */
function recorder() {
  const sent: Recorded[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ url: request.url, method: request.method, headers: request.headers, body: request.body ? await request.clone().text() : '' });
    return globalThis.fetch(request);
  };
  return { sent, fetch };
}

const isTokenQuery = (r: Recorded) => r.body.includes('accessToken(userPoolId');

/** A JWT shaped like authing-local's, signed with a key the server does not know. */
function forge(claims: Record<string, unknown>, exp: number) {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(exp - 3600)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode('not-the-pool-key-not-the-pool-key'));
}
const now = () => Math.floor(Date.now() / 1000);

describe('management token', () => {
  it('makes exactly one accessToken request for 20 concurrent first calls, then reuses it', async () => {
    const { sent, fetch } = recorder();
    const management = new ManagementClient({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url, fetch });
    const pages = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? management.users.list(1, 1) : management.roles.list())));
    expect(pages).toHaveLength(20);
    expect(sent.filter(isTokenQuery)).toHaveLength(1);
    const tokenRequest = sent.find(isTokenQuery);
    expect(tokenRequest?.headers.get('authorization')).toBeNull();
    await management.groups.list();
    expect(sent.filter(isTokenQuery)).toHaveLength(1);
    expect(sent.length).toBe(22);
  });

  it('uses a given accessToken as is', async () => {
    const { sent, fetch } = recorder();
    const source = new ManagementClient({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url, fetch });
    await source.users.list();
    const token = sent[1]?.headers.get('authorization')?.replace('Bearer ', '') ?? '';
    const fixed = recorder();
    const management = new ManagementClient({ userPoolId: h.server.userPoolId, accessToken: token, host: h.server.url, fetch: fixed.fetch });
    await expect(management.users.list()).resolves.toMatchObject({ totalCount: expect.any(Number) });
    expect(fixed.sent.filter(isTokenQuery)).toHaveLength(0);
    expect(fixed.sent[0]?.headers.get('authorization')).toBe(`Bearer ${token}`);
  });

  it('fails with 2020 for a wrong secret', async () => {
    const management = new ManagementClient({ userPoolId: h.server.userPoolId, secret: 'wrong-secret', host: h.server.url });
    const error = await failure(management.users.list());
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(error).toMatchObject({ code: 2020, message: '用户池 ID 或密钥错误' });
  });
});

describe('rejected credentials', () => {
  it('rejects a call without a token', async () => {
    const error = await failure(h.management.users.list(1, 10, {}, { headers: { authorization: '' } }));
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(error.code).toBe(2020);
    const rest = await failure(h.management.acl.listNamespaces(1, 10, { headers: { authorization: '' } }));
    expect(rest).toMatchObject({ name: 'AuthingAuthenticationError', code: 2020, statusCode: 401 });
  });

  it('rejects a forged and an expired token', async () => {
    const claims = { data: { type: 'management', userPoolId: h.server.userPoolId }, sub: h.server.userPoolId };
    for (const token of [await forge(claims, now() + 3600), await forge(claims, now() - 60)]) {
      const management = new ManagementClient({ userPoolId: h.server.userPoolId, accessToken: token, host: h.server.url });
      const error = await failure(management.users.list());
      expect(error).toBeInstanceOf(AuthingAuthenticationError);
      expect(error.code).toBe(2020);
      expect(error.request?.headers.authorization).not.toContain(token);
    }
    const user = await h.management.users.create({ username: uid('u') });
    const userClaims = { sub: user.id, data: { id: user.id, userPoolId: h.server.userPoolId } };
    for (const token of [await forge(userClaims, now() + 3600), await forge(userClaims, now() - 60)]) {
      const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, token });
      expect((await failure(auth.getCurrentUser())).code).toBe(2020);
      expect((await failure(auth.updateProfile({ nickname: 'x' }))).code).toBe(2020);
      await expect(auth.checkLoginStatus()).resolves.toMatchObject({ status: false });
    }
  });

  it('rejects a token of another user pool', async () => {
    const other = await h.server.createUserPool('Second pool');
    const foreign = new ManagementClient({ userPoolId: other.userPoolId, secret: other.secret, host: h.server.url });
    const ownUser = await foreign.users.create({ username: uid('foreign'), password: 'pw-123456' });
    const { sent, fetch } = recorder();
    const borrowing = new ManagementClient({ userPoolId: other.userPoolId, secret: other.secret, host: h.server.url, fetch });
    await borrowing.users.list();
    const token = sent.find((r) => !isTokenQuery(r))?.headers.get('authorization')?.replace('Bearer ', '') ?? '';
    const mixed = new ManagementClient({ userPoolId: h.server.userPoolId, accessToken: token, host: h.server.url });
    const error = await failure(mixed.users.list());
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(error.code).toBe(2020);
    // The other pool's users are not visible from this pool.
    expect(await h.management.users.detail(ownUser.id)).toBeNull();
    // A user token of the other pool does not open a session on this pool's application.
    const session = await new AuthenticationClient({ appId: other.appId, appHost: h.server.url }).loginByUsername(ownUser.username ?? '', 'pw-123456');
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, token: session.token ?? '' });
    expect((await failure(auth.getCurrentUser())).code).toBe(2020);
  });
});

describe('wire', () => {
  it('sends the SDK headers and a Bearer token, and never a plaintext password', async () => {
    const { sent, fetch } = recorder();
    const management = new ManagementClient({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url, fetch });
    const username = uid('wire');
    await management.users.create({ username, password: 'plain-text-password-1' });
    await management.acl.listNamespaces();
    for (const request of sent) {
      expect(request.headers.get('x-authing-userpool-id')).toBe(h.server.userPoolId);
      expect(request.headers.get('x-authing-sdk-version')).toBe(`js:${SDK_VERSION}`);
      expect(request.headers.get('x-authing-request-from')).toBe('sdk');
      expect(request.headers.get('x-authing-lang')).toBe('zh-CN');
      expect(request.body).not.toContain('plain-text-password-1');
    }
    const calls = sent.filter((r) => !isTokenQuery(r) && !r.url.endsWith('/.well-known'));
    expect(calls.length).toBe(2);
    for (const call of calls) expect(call.headers.get('authorization')).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);

    const authSent = recorder();
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, fetch: authSent.fetch, lang: 'en-US' });
    await auth.loginByUsername(username, 'plain-text-password-1');
    for (const request of authSent.sent) {
      expect(request.headers.get('x-authing-app-id')).toBe(h.server.appId);
      expect(request.headers.get('x-authing-lang')).toBe('en-US');
      expect(request.headers.get('x-authing-sdk-version')).toBe(`js:${SDK_VERSION}`);
      expect(request.body).not.toContain('plain-text-password-1');
    }
  });

  it('applies requestFrom, client headers and per-call headers; onError observes failures', async () => {
    const { sent, fetch } = recorder();
    const seen: AuthingError[] = [];
    const management = new ManagementClient({
      userPoolId: h.server.userPoolId,
      secret: h.server.secret,
      host: h.server.url,
      fetch,
      requestFrom: 'console',
      headers: { 'x-trace-id': 'client' },
      onError: (error) => seen.push(error),
    });
    await management.groups.list(1, 10, { headers: { 'x-trace-id': 'call' } });
    const call = sent.at(-1);
    expect(call?.headers.get('x-authing-request-from')).toBe('console');
    expect(call?.headers.get('x-trace-id')).toBe('call');
    expect(sent[0]?.headers.get('x-trace-id')).toBe('client');
    const error = await failure(management.acl.deleteNamespace(uid('missing')));
    expect(seen).toEqual([error]);
  });

  it('reports an unreachable host as AuthingConnectionError', async () => {
    const management = new ManagementClient({ userPoolId: 'p', secret: 's', host: 'http://127.0.0.1:9', retry: false, timeout: 2000 });
    const error = await failure(management.users.list());
    expect(error).toBeInstanceOf(AuthingConnectionError);
    expect(error.code).toBe(500);
  });
});
