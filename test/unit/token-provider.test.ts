import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthingAuthenticationError, AuthingValidationError } from '../../src/core/errors.js';
import { ManagementTokenProvider, TOKEN_REFRESH_LEEWAY_SECONDS } from '../../src/core/token-provider.js';
import { Transport } from '../../src/core/transport.js';
import { bodyOf, json, LoginMutation, observedFetch, rejection, thrownBy, UserQuery, type Sent } from './helpers.js';

const T0 = Date.UTC(2030, 0, 1);
const isTokenRequest = (sent: Sent) => String(bodyOf(sent).query).includes('accessToken(userPoolId');

/** A management client wiring: one transport whose token comes from the provider it feeds. */
function setup(answer: (sent: Sent, index: number) => Response | Promise<Response>, extra: { accessToken?: string } = {}) {
  const clock = { now: T0 };
  const observed = observedFetch(answer);
  let provider: ManagementTokenProvider | undefined;
  const transport = new Transport({
    host: 'https://h.example',
    userPoolId: 'pool-1',
    fetch: observed.fetch,
    retry: false,
    getToken: () => provider?.getToken() ?? Promise.resolve(undefined),
    invalidateToken: () => provider?.invalidate() ?? false,
  });
  provider = extra.accessToken
    ? new ManagementTokenProvider({ transport, userPoolId: 'pool-1', accessToken: extra.accessToken, now: () => clock.now })
    : new ManagementTokenProvider({ transport, userPoolId: 'pool-1', secret: 'pool-secret', now: () => clock.now });
  const tokenRequests = () => observed.sent.filter(isTokenRequest);
  return { ...observed, transport, provider, clock, tokenRequests };
}

const tokenAnswer = (token: string, exp: number | null) => json({ data: { accessToken: { accessToken: token, exp, iat: T0 / 1000 } } });

describe('ManagementTokenProvider', () => {
  it('makes exactly one token request for 20 concurrent cold calls', async () => {
    let issued = 0;
    const { provider, tokenRequests } = setup(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return tokenAnswer(`tok-${++issued}`, T0 / 1000 + 7 * 24 * 3600);
    });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => provider.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(tokenRequests()).toHaveLength(1);
    const [request] = tokenRequests();
    expect(request?.headers.has('authorization')).toBe(false);
    expect(request?.headers.get('x-authing-userpool-id')).toBe('pool-1');
    expect(bodyOf(request).variables).toEqual({ userPoolId: 'pool-1', secret: 'pool-secret' });
  });

  it('makes one token request for 20 concurrent cold calls through the transport', async () => {
    const { transport, sent, tokenRequests } = setup((request) =>
      isTokenRequest(request) ? tokenAnswer('tok-1', T0 / 1000 + 86_400) : json({ data: { user: null } }),
    );
    await Promise.all(Array.from({ length: 20 }, (_, i) => transport.graphql(UserQuery, { id: `u${i}` })));
    expect(tokenRequests()).toHaveLength(1);
    const calls = sent.filter((s) => !isTokenRequest(s));
    expect(calls).toHaveLength(20);
    expect(calls.every((s) => s.headers.get('authorization') === 'Bearer tok-1')).toBe(true);
  });

  it('reuses the token while it has more than an hour left, then fetches a new one', async () => {
    let issued = 0;
    const { provider, clock, tokenRequests } = setup(() => tokenAnswer(`tok-${++issued}`, T0 / 1000 + 7200));
    expect(await provider.getToken()).toBe('tok-1');
    clock.now = T0 + (7200 - TOKEN_REFRESH_LEEWAY_SECONDS - 1) * 1000;
    expect(await provider.getToken()).toBe('tok-1');
    expect(tokenRequests()).toHaveLength(1);
    clock.now = T0 + (7200 - TOKEN_REFRESH_LEEWAY_SECONDS + 1) * 1000;
    expect(await provider.getToken()).toBe('tok-2');
    expect(tokenRequests()).toHaveLength(2);
  });

  it("falls back to the JWT's exp claim when the answer has none", async () => {
    const jwt = (exp: number) => new UnsecuredJWT({ sub: 'pool-1' }).setExpirationTime(exp).encode();
    const first = jwt(T0 / 1000 + 1800);
    let calls = 0;
    const { provider, tokenRequests } = setup(() => tokenAnswer(calls++ === 0 ? first : 'plain-token', null));
    expect(await provider.getToken()).toBe(first);
    // exp is within the hour already, so the next call fetches again.
    expect(await provider.getToken()).toBe('plain-token');
    // Neither an exp nor a JWT: kept until the server rejects it.
    expect(await provider.getToken()).toBe('plain-token');
    expect(tokenRequests()).toHaveLength(2);
  });

  it('does not cache a failed token request', async () => {
    const { provider, tokenRequests } = setup((_, i) =>
      i === 0 ? json({ errors: [{ message: { code: 2020, message: 'Invalid secret' } }] }) : tokenAnswer('tok-ok', T0 / 1000 + 86_400),
    );
    const error = await rejection(provider.getToken());
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(error).toMatchObject({ code: 2020, message: 'Invalid secret' });
    expect(JSON.stringify(error)).not.toContain('pool-secret');
    await expect(provider.getToken()).resolves.toBe('tok-ok');
    expect(tokenRequests()).toHaveLength(2);
  });

  it('rejects an answer without a token', async () => {
    const { provider } = setup(() => tokenAnswer('', null));
    const error = await rejection(provider.getToken());
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(error.message).toBe('The server returned no access token');
  });

  it('uses a given accessToken as is and never fetches', async () => {
    const { provider, transport, sent } = setup(() => json({ data: { user: null } }), { accessToken: 'given' });
    expect(await provider.getToken()).toBe('given');
    await transport.graphql(UserQuery, { id: 'u1' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.get('authorization')).toBe('Bearer given');
    expect(provider.invalidate()).toBe(false);
  });

  it('requires userPoolId and a secret or accessToken', () => {
    const transport = new Transport();
    const error = thrownBy(() => new ManagementTokenProvider({ transport, userPoolId: 'p', secret: '' }));
    expect(error).toBeInstanceOf(AuthingValidationError);
    expect(error).toMatchObject({ argument: 'secret' });
    expect(thrownBy(() => new ManagementTokenProvider({ transport, userPoolId: '', secret: 's' }))).toMatchObject({ argument: 'userPoolId' });
  });

  it('lets the transport refetch a rejected token and resend a query once', async () => {
    let issued = 0;
    let rejectedOnce = false;
    const { transport, sent, tokenRequests } = setup((request) => {
      if (isTokenRequest(request)) return tokenAnswer(`tok-${++issued}`, T0 / 1000 + 86_400);
      if (request.headers.get('authorization') === 'Bearer tok-1' && rejectedOnce) {
        return json({ errors: [{ message: { code: 2020, message: 'Not logged in' } }] });
      }
      rejectedOnce = true;
      return json({ data: { user: null } });
    });
    await transport.graphql(UserQuery, { id: 'u1' });
    await expect(transport.graphql(UserQuery, { id: 'u1' })).resolves.toEqual({ user: null });
    expect(tokenRequests()).toHaveLength(2);
    expect(sent.at(-1)?.headers.get('authorization')).toBe('Bearer tok-2');
  });

  it('does not resend a mutation after a rejected token, but the next call gets a new token', async () => {
    let issued = 0;
    const { transport, sent, tokenRequests } = setup((request) => {
      if (isTokenRequest(request)) return tokenAnswer(`tok-${++issued}`, T0 / 1000 + 86_400);
      if (request.headers.get('authorization') === 'Bearer tok-1') {
        return json({ errors: [{ message: { code: 2020, message: 'Not logged in' } }] });
      }
      return json({ data: { loginByEmail: null } });
    });
    const error = await rejection(transport.graphql(LoginMutation, { input: { email: 'a', password: 'p' } }));
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(sent.filter((s) => !isTokenRequest(s))).toHaveLength(1);
    await expect(transport.graphql(LoginMutation, { input: { email: 'a', password: 'p' } })).resolves.toEqual({ loginByEmail: null });
    expect(tokenRequests()).toHaveLength(2);
  });
});
