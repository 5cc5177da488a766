/**
 * The SDK against a server that misbehaves: down, killed mid-request, slow, garbled, rate
 * limiting, dropping keep-alive sockets. Every call ends in the documented AuthingError subclass
 * within its deadline, and a mutation is sent once unless the caller opted in (counted at the
 * server). Runs under the SDK's default fetch and under undici's.
 */
import { startLocalAuthing } from 'authing-local';
import {
  AuthenticationClient,
  AuthingAbortError,
  AuthingApiError,
  AuthingConnectionError,
  AuthingRateLimitError,
  AuthingTimeoutError,
  AuthingValidationError,
  DEFAULT_DEADLINE,
  ManagementClient,
} from 'authing-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { faults, type Fault, type Seen } from './fault-server.js';
import { failsWithin, FETCHES, pause, uid, useFaultWorld } from './harness.js';
import { testDatabase } from '../../server/test/support/databases.js';

const world = useFaultWorld();

/** Plans `fault` for the first `times` requests of `kind` (all of them by default); the rest are forwarded. */
function inject(kind: Seen['kind'], fault: Fault, times = Infinity): void {
  let hits = 0;
  world.faulty.plan((seen) => (seen.kind === kind && hits++ < times ? fault : faults.forward));
}

describe.each(FETCHES)('faults under the $name', ({ fetch }) => {
  // groups.detail is a GraphQL query; the REST calls are acl.listResources (GET) and createResource (POST).
  let groupCode: string;
  beforeAll(async () => {
    groupCode = (await world.direct.groups.create(uid('probe'), 'Probe')).code;
  });
  const client = (options: Parameters<typeof world.client>[0] = {}) => world.client({ fetch, ...options });

  describe('server down at start', () => {
    it('ends in AuthingConnectionError after the retries, within the default deadline', async () => {
      const gone = await startLocalAuthing({ port: 0, db: testDatabase(), log: () => undefined });
      await gone.close();
      const management = new ManagementClient({ userPoolId: gone.userPoolId, secret: gone.secret, host: gone.url, fetch });
      const error = await failsWithin(management.groups.detail('g1'), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingConnectionError);
      expect(error).not.toBeInstanceOf(AuthingTimeoutError);
      expect(error).toMatchObject({ code: 500, message: `The request failed before any response (POST ${gone.url}/graphql/v2)` });
      expect(error.statusCode).toBeUndefined();
    });

    it('stops retrying when the next backoff would pass the deadline', async () => {
      const gone = await startLocalAuthing({ port: 0, db: testDatabase(), log: () => undefined });
      await gone.close();
      const management = new ManagementClient({ userPoolId: gone.userPoolId, accessToken: 'fixed', host: gone.url, fetch, deadline: 200 });
      const error = await failsWithin(management.acl.listResources({ namespace: 'default' }), 200);
      expect(error).toBeInstanceOf(AuthingConnectionError);
      expect(error.message).toBe(`The request failed before any response (GET ${gone.url}/api/v2/resources)`);
    });
  });

  describe('killed mid-request', () => {
    it('retries a query whose socket was destroyed before any answer, on a new connection', async () => {
      inject('query', faults.reset, 1);
      const group = await client().groups.detail(groupCode);
      expect(group?.code).toBe(groupCode);
      const queries = world.faulty.seen.filter((s) => s.kind === 'query');
      expect(queries).toHaveLength(2);
      expect(queries[1]?.connection).not.toBe(queries[0]?.connection);
    });

    it('ends a query in AuthingConnectionError once the retries are used up', async () => {
      inject('query', faults.reset);
      const error = await failsWithin(client({ retry: { maxRetries: 1 } }).groups.detail(groupCode), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingConnectionError);
      expect(error.message).toBe(`The request failed before any response (POST ${world.faulty.url}/graphql/v2)`);
      expect(world.faulty.count('query')).toBe(2);
    });

    it('does not resend a mutation whose socket was destroyed; the server never saw it', async () => {
      inject('mutation', faults.reset);
      const code = uid('g');
      const error = await failsWithin(client().groups.create(code, 'G'), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingConnectionError);
      expect(error.code).toBe(500);
      expect(world.faulty.count('mutation')).toBe(1);
      expect(await world.direct.groups.detail(code)).toBeNull();
    });

    it('reports a socket destroyed after the headers as a lost connection, not a bad answer', async () => {
      inject('query', faults.resetAfterHeaders);
      const error = await failsWithin(client({ retry: false }).groups.detail(groupCode), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingConnectionError);
      // undici hands over the headers first and loses the body; a fetch that buffers the body rejects.
      const lost = fetch ? 'connection was lost while the answer was read' : '(connection was lost while the answer was read|request failed before any response)';
      expect(error.message).toMatch(new RegExp(`^The ${lost} \\(POST ${world.faulty.url}/graphql/v2\\)$`));
      expect(error.statusCode).toBeUndefined();
      expect(world.faulty.count('query')).toBe(1);
    });

    it('does not resend a mutation that was lost mid-body: it ran once, and the caller hears of a lost connection', async () => {
      inject('mutation', faults.resetMidBody);
      const code = uid('g');
      const error = await failsWithin(client().groups.create(code, 'G'), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingConnectionError);
      // undici reports the lost body when it is read; a fetch that buffers the body rejects instead.
      expect(error.message).toMatch(/^The (connection was lost while the answer was read|request failed before any response) \(POST /);
      expect(world.faulty.count('mutation')).toBe(1);
      expect((await world.direct.groups.detail(code))?.code).toBe(code);
    });

    it('does not resend a REST POST that was lost mid-body', async () => {
      inject('rest', faults.resetMidBody);
      const code = uid('r');
      const created = client().acl.createResource({ code, namespace: 'default', actions: [{ name: 'read' }] });
      const error = await failsWithin(created, DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingConnectionError);
      expect(world.faulty.seen.filter((s) => s.method === 'POST' && s.path === '/api/v2/resources')).toHaveLength(1);
    });

    it('resends a mutation the caller marked idempotent', async () => {
      inject('mutation', faults.reset, 1);
      const code = uid('g');
      await expect(client().groups.create(code, 'G', undefined, { idempotent: true })).resolves.toMatchObject({ code });
      expect(world.faulty.count('mutation')).toBe(2);
    });

    it('never replays a login: AuthenticationClient sends it once', async () => {
      const email = `${uid('login')}@example.com`;
      await world.direct.users.create({ email, password: 'pw-123456' });
      inject('mutation', faults.resetMidBody);
      const auth = new AuthenticationClient({ appId: world.local.appId, appHost: world.faulty.url, fetch });
      const error = await failsWithin(auth.loginByEmail(email, 'pw-123456'), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingConnectionError);
      expect(world.faulty.count('mutation')).toBe(1);
    });
  });

  describe('slower than the timeout', () => {
    it('ends a stalled query in AuthingTimeoutError after one attempt', async () => {
      inject('query', faults.stall);
      const error = await failsWithin(client({ timeout: 200 }).groups.detail(groupCode), 200);
      expect(error).toBeInstanceOf(AuthingTimeoutError);
      expect(error).toMatchObject({ code: 500, message: 'The request timed out' });
      expect(world.faulty.count('query')).toBe(1);
    });

    it('cuts an attempt at the deadline when that comes first', async () => {
      inject('rest', faults.stall);
      const error = await failsWithin(client({ timeout: 60_000 }).acl.listResources({ namespace: 'default' }, { deadline: 300 }), 300);
      expect(error).toBeInstanceOf(AuthingTimeoutError);
      expect(error.message).toBe('The call did not finish within its deadline of 300 ms');
    });

    it('does not resend a mutation that timed out', async () => {
      inject('mutation', faults.delay(600, faults.forward));
      const error = await failsWithin(client().groups.create(uid('g'), 'G', undefined, { timeout: 150 }), 150);
      expect(error).toBeInstanceOf(AuthingTimeoutError);
      await pause(700);
      expect(world.faulty.count('mutation')).toBe(1);
    });
  });

  describe('a body that is not JSON', () => {
    const graphqlCases = [
      { fault: faults.html(200), status: 200, code: 500, message: 'The GraphQL answer is not valid JSON' },
      { fault: faults.truncatedJson(200), status: 200, code: 500, message: 'The GraphQL answer is not valid JSON' },
      { fault: faults.html(500), status: 500, code: 500, message: 'HTTP 500 from the GraphQL endpoint' },
      { fault: faults.truncatedJson(500), status: 500, code: 500, message: 'HTTP 500 from the GraphQL endpoint' },
      { fault: faults.html(502), status: 502, code: 502, message: 'HTTP 502 from the GraphQL endpoint' },
    ];
    it.each(graphqlCases)('GraphQL: HTTP $status with a garbled body is an AuthingApiError ($message)', async ({ fault, status, code, message }) => {
      inject('query', fault);
      const error = await failsWithin(client().groups.detail(groupCode), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingApiError);
      expect(error).toMatchObject({ code, statusCode: status, message });
      // Not in retryWhen: sent once. The body is not quoted into the message.
      expect(world.faulty.count('query')).toBe(1);
      expect(error.message).not.toMatch(/html|userna/);
    });

    const restCases = [
      { fault: faults.html(200), status: 200, code: 500, message: 'The answer is not valid JSON' },
      { fault: faults.truncatedJson(200), status: 200, code: 500, message: 'The answer is not valid JSON' },
      { fault: faults.html(500), status: 500, code: 500, message: 'HTTP 500 Internal Server Error' },
      { fault: faults.truncatedJson(500), status: 500, code: 500, message: 'HTTP 500 Internal Server Error' },
    ];
    it.each(restCases)('REST: HTTP $status with a garbled body is an AuthingApiError ($message)', async ({ fault, status, code, message }) => {
      inject('rest', fault);
      const error = await failsWithin(client().acl.listResources({ namespace: 'default' }), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingApiError);
      expect(error).toMatchObject({ code, statusCode: status, message });
      expect(world.faulty.count('rest')).toBe(1);
    });

    it('retries a read on a 503 HTML page, then reports the last one', async () => {
      inject('query', faults.html(503));
      const error = await failsWithin(client({ retry: { maxRetries: 1 } }).groups.detail(groupCode), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingApiError);
      expect(error).toMatchObject({ code: 503, statusCode: 503 });
      expect(world.faulty.count('query')).toBe(2);
    });
  });

  describe('429 with Retry-After', () => {
    it('waits out Retry-After in seconds, then succeeds', async () => {
      inject('query', faults.rateLimited('1'), 1);
      await expect(client().groups.detail(groupCode)).resolves.toMatchObject({ code: groupCode });
      expect(world.faulty.count('query')).toBe(2);
    });

    it('waits out Retry-After as an HTTP date, then succeeds', async () => {
      inject('rest', faults.rateLimited(new Date(Date.now() + 1000).toUTCString()), 1);
      await expect(client().acl.listResources({ namespace: 'default' })).resolves.toHaveProperty('totalCount');
      expect(world.faulty.count('rest')).toBe(2);
    });

    it('ends at once with retryAfter when Retry-After (seconds) is longer than the deadline', async () => {
      inject('query', faults.rateLimited('5'));
      const error = await failsWithin(client({ deadline: 1_000 }).groups.detail(groupCode), 1_000);
      expect(error).toBeInstanceOf(AuthingRateLimitError);
      expect(error).toMatchObject({ code: 429, statusCode: 429, retryAfter: 5 });
      expect(world.faulty.count('query')).toBe(1);
    });

    it('ends at once with retryAfter when Retry-After (HTTP date) is an hour away', async () => {
      inject('rest', faults.rateLimited(new Date(Date.now() + 3_600_000).toUTCString()));
      const error = await failsWithin(client().acl.listResources({ namespace: 'default' }), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingRateLimitError);
      const { retryAfter } = error as AuthingRateLimitError;
      expect(retryAfter).toBeGreaterThan(3_590);
      expect(retryAfter).toBeLessThanOrEqual(3_600);
      expect(world.faulty.count('rest')).toBe(1);
    });

    it('reports the last 429 once the retries are used up', async () => {
      inject('query', faults.rateLimited('0'));
      const error = await failsWithin(client({ retry: { maxRetries: 2 } }).groups.detail(groupCode), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingRateLimitError);
      expect(error).toMatchObject({ code: 429, retryAfter: 0 });
      expect(world.faulty.count('query')).toBe(3);
    });

    it('never resends a mutation on 429', async () => {
      inject('mutation', faults.rateLimited('0'));
      const error = await failsWithin(client().groups.create(uid('g'), 'G'), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingRateLimitError);
      expect(world.faulty.count('mutation')).toBe(1);
    });

    it('lets the caller abort the wait', async () => {
      inject('query', faults.rateLimited('5'));
      const error = await failsWithin(client().groups.detail(groupCode, { signal: AbortSignal.timeout(100) }), 100);
      expect(error).toBeInstanceOf(AuthingAbortError);
      expect(error.code).toBe(499);
    });
  });

  describe('a dropped keep-alive connection', () => {
    it('carries on over a new connection when the server closes the socket between calls', async () => {
      world.faulty.plan(() => faults.closeAfter(faults.forward));
      const management = client();
      for (let i = 0; i < 3; i++) {
        await expect(management.groups.detail(groupCode)).resolves.toMatchObject({ code: groupCode });
        await pause(50);
      }
      const queries = world.faulty.seen.filter((s) => s.kind === 'query');
      expect(new Set(queries.map((s) => s.connection)).size).toBe(queries.length);
    });

    it('retries a read sent on a socket the server was closing, but not a mutation', async () => {
      const management = client();
      await management.groups.detail(groupCode);
      // The next request on the kept-alive socket meets a server that is closing it.
      inject('query', faults.reset, 1);
      await expect(management.groups.detail(groupCode)).resolves.toMatchObject({ code: groupCode });
      inject('mutation', faults.reset, 1);
      const error = await failsWithin(management.groups.create(uid('g'), 'G'), DEFAULT_DEADLINE);
      expect(error).toBeInstanceOf(AuthingConnectionError);
      expect(world.faulty.count('mutation')).toBe(1);
    });
  });

  describe('one deadline for the whole call', () => {
    it('covers waiting for the token, and nothing is sent after it passed', async () => {
      inject('token', faults.delay(800, faults.forward));
      const code = uid('g');
      const error = await failsWithin(client().groups.create(code, 'G', undefined, { deadline: 300 }), 300);
      expect(error).toBeInstanceOf(AuthingTimeoutError);
      expect(error.message).toBe('The call did not finish within its deadline of 300 ms');
      await pause(900);
      expect(world.faulty.count('token')).toBe(1);
      expect(world.faulty.count('mutation')).toBe(0);
      expect(await world.direct.groups.detail(code)).toBeNull();
    });

    it('covers retries and their backoff: a wait past it is not started', async () => {
      inject('query', faults.answer(503, JSON.stringify({ code: 503, message: 'busy' })));
      const error = await failsWithin(client({ retry: { maxRetries: 10 }, deadline: 900 }).groups.detail(groupCode), 900);
      expect(error).toBeInstanceOf(AuthingApiError);
      expect(error).toMatchObject({ code: 503, statusCode: 503, message: 'busy' });
      expect(world.faulty.count('query')).toBeLessThanOrEqual(2);
    });

    it('rejects a negative deadline before sending anything', async () => {
      const error = await failsWithin(client().groups.detail(groupCode, { deadline: -1 }), 0);
      expect(error).toBeInstanceOf(AuthingValidationError);
      expect(error).toMatchObject({ argument: 'deadline' });
      expect(() => client({ deadline: Number.NaN })).toThrow(AuthingValidationError);
      expect(world.faulty.seen).toHaveLength(0);
    });
  });
});
