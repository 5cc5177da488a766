/**
 * A management token that expires under concurrent callers, against authing-local through the
 * fault server (which hands out token aliases and can make them stale, so authing-local itself
 * answers 2020: HTTP 200 with GraphQL errors, HTTP 401 over REST). N calls rejected together
 * cause exactly one new token request; each read is sent once more with the new token; a
 * mutation is not, unless the caller opted in.
 */
import { AuthingAuthenticationError, AuthingTimeoutError, ManagementClient } from 'authing-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { faults, type Seen } from './fault-server.js';
import { failsWithin, pause, uid, useFaultWorld } from './harness.js';

const world = useFaultWorld();
const N = 12;

/** The requests carrying the `x-call` header `i`. */
const callRequests = (i: number): Seen[] => world.faulty.seen.filter((s) => s.headers['x-call'] === String(i));
const tag = (i: number) => ({ headers: { 'x-call': String(i) } });

describe('a management token rejected under concurrent calls', () => {
  // groups.detail is a GraphQL query, users.detail a REST GET.
  let userId: string;
  let groupCode: string;
  beforeAll(async () => {
    userId = (await world.direct.users.create({ username: uid('tok') })).id;
    groupCode = (await world.direct.groups.create(uid('tok'), 'Tok')).code;
  });

  /** A client that has fetched its first token (`sdk-token-<n>`), and that token, now stale. */
  async function warmClientWithStaleToken() {
    const management = world.client();
    await management.groups.detail(groupCode);
    const first = world.faulty.seen.find((s) => s.kind === 'query')?.bearer;
    world.faulty.seen.length = 0;
    world.faulty.expireTokens();
    return { management, stale: first };
  }

  it('GraphQL queries: one new token, each call sent again once with it', async () => {
    const { management, stale } = await warmClientWithStaleToken();
    expect(stale).toMatch(/^sdk-token-\d+$/);
    const groups = await Promise.all(Array.from({ length: N }, (_, i) => management.groups.detail(groupCode, tag(i))));
    expect(groups.every((g) => g?.code === groupCode)).toBe(true);
    expect(world.faulty.count('token')).toBe(1);
    for (let i = 0; i < N; i++) {
      const [first, replay, ...more] = callRequests(i);
      expect(first?.bearer).toBe(stale);
      expect(replay?.bearer).toMatch(/^sdk-token-\d+$/);
      expect(replay?.bearer).not.toBe(stale);
      expect(more).toHaveLength(0);
    }
  });

  it('a rejection that arrives after the new token is cached does not drop it', async () => {
    const { management, stale } = await warmClientWithStaleToken();
    // Odd calls hear of their stale token only after the refresh for the even ones is done.
    world.faulty.plan((seen) => {
      const late = seen.bearer === stale && Number(seen.headers['x-call']) % 2 === 1;
      return late ? faults.delay(400, faults.forward) : faults.forward;
    });
    await Promise.all(Array.from({ length: N }, (_, i) => management.groups.detail(groupCode, tag(i))));
    expect(world.faulty.count('token')).toBe(1);
    for (let i = 0; i < N; i++) expect(callRequests(i)).toHaveLength(2);
  });

  it('REST reads answered HTTP 401: one new token, each call sent again once', async () => {
    const { management } = await warmClientWithStaleToken();
    const users = await Promise.all(Array.from({ length: N }, (_, i) => management.users.detail(userId, {}, tag(i))));
    expect(users.every((u) => u?.id === userId)).toBe(true);
    expect(world.faulty.count('token')).toBe(1);
    for (let i = 0; i < N; i++) expect(callRequests(i).map((s) => s.method)).toEqual(['GET', 'GET']);
  });

  it('isAllowed (a POST that only reads) is sent again too', async () => {
    const { management } = await warmClientWithStaleToken();
    await expect(management.acl.isAllowed(userId, 'books:1', 'books:read', {}, tag(0))).resolves.toBe(false);
    expect(callRequests(0)).toHaveLength(2);
    expect(world.faulty.count('token')).toBe(1);
  });

  it('mutations are not sent again: each fails with 2020, and the next call gets one new token', async () => {
    const { management } = await warmClientWithStaleToken();
    const codes = Array.from({ length: N }, () => uid('g'));
    const outcomes = await Promise.all(codes.map((code, i) => failsWithin(management.groups.create(code, 'G', undefined, tag(i)), 30_000)));
    for (const error of outcomes) {
      expect(error).toBeInstanceOf(AuthingAuthenticationError);
      expect(error).toMatchObject({ code: 2020, statusCode: 200 });
    }
    for (let i = 0; i < N; i++) expect(callRequests(i)).toHaveLength(1);
    expect(world.faulty.count('mutation')).toBe(N);
    expect(world.faulty.count('token')).toBe(0);
    for (const code of codes) expect(await world.direct.groups.detail(code)).toBeNull();

    const code = uid('g');
    await expect(management.groups.create(code, 'G')).resolves.toMatchObject({ code });
    expect(world.faulty.count('token')).toBe(1);
  });

  it('a REST POST that creates is not sent again (HTTP 401, 2020)', async () => {
    const { management } = await warmClientWithStaleToken();
    const code = uid('r');
    const error = await failsWithin(management.acl.createResource({ code, namespace: 'default', actions: [{ name: 'read' }] }), 30_000);
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(error).toMatchObject({ code: 2020, statusCode: 401 });
    expect(world.faulty.seen.filter((s) => s.path === '/api/v2/resources')).toHaveLength(1);
    expect(await world.direct.acl.getResourceByCode({ namespace: 'default', code })).toBeNull();
  });

  it('a mutation marked idempotent is refreshed and sent again once', async () => {
    const { management } = await warmClientWithStaleToken();
    const code = uid('g');
    await expect(management.groups.create(code, 'G', undefined, { ...tag(0), idempotent: true })).resolves.toMatchObject({ code });
    expect(callRequests(0)).toHaveLength(2);
    expect(world.faulty.count('token')).toBe(1);
  });

  it('a replay rejected again is final: no second refresh, no loop', async () => {
    const { management } = await warmClientWithStaleToken();
    // The new token is stale as soon as it is issued.
    world.faulty.plan((seen) =>
      seen.kind === 'token'
        ? async (exchange) => {
            await faults.forward(exchange);
            world.faulty.expireTokens();
          }
        : faults.forward,
    );
    const error = await failsWithin(management.groups.detail(groupCode, tag(0)), 30_000);
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(error.code).toBe(2020);
    expect(callRequests(0)).toHaveLength(2);
    expect(world.faulty.count('token')).toBe(1);
  });

  it('a fixed accessToken is not refreshed: the call fails once with 2020', async () => {
    const { userPoolId } = world.local;
    const management = new ManagementClient({ userPoolId, accessToken: 'an-expired-token', host: world.faulty.url });
    const error = await failsWithin(management.users.detail(userId, {}, tag(0)), 30_000);
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(callRequests(0)).toHaveLength(1);
    expect(world.faulty.count('token')).toBe(0);
  });

  it('the deadline covers the refresh and the replay', async () => {
    const { management } = await warmClientWithStaleToken();
    world.faulty.plan((seen) => (seen.kind === 'token' ? faults.delay(900, faults.forward) : faults.forward));
    const error = await failsWithin(management.groups.detail(groupCode, { ...tag(0), deadline: 400 }), 400);
    expect(error).toBeInstanceOf(AuthingTimeoutError);
    expect(error.message).toBe('The call did not finish within its deadline of 400 ms');
    await pause(1_000);
    // The shared token request went on for later calls; this call sent nothing after its deadline.
    expect(callRequests(0)).toHaveLength(1);
    expect(world.faulty.count('token')).toBe(1);
  });
});
