import type { Server } from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { fastPathCount } from '../../src/graphql/fast-path.js';
import { close, listen, type FetchHandler } from '../../src/http/node.js';
import { createServerState } from '../../src/state.js';
import { ensureDefaultPool } from '../../src/storage/bootstrap.js';
import { Store } from '../../src/storage/store.js';
import { testDatabase } from '../support/databases.js';

/**
 * The GraphQL fast path (graphql/fast-path.ts) answers as graphql-yoga does. Two apps share one
 * store and one server state: one as authing-local runs, one with `graphqlFastPath: false`, each
 * on node:http. Every request goes to both; status, headers (all but `date` and `x-request-id`)
 * and body bytes must be equal, and so must what the server logged. Each case also says which
 * path the first app took, so a case meant for the fast path cannot silently go to yoga.
 */
let store: Store;
const servers: Server[] = [];
let fastUrl: string;
let yogaUrl: string;
let token: string;
let handlers: Record<'fast' | 'yoga', FetchHandler>;
const logged: unknown[] = [];

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  logged: string[];
}

async function post(base: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const from = logged.length;
  const res = await fetch(`${base}/graphql/v2`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const answered: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'date' && name !== 'x-request-id') answered[name] = value;
  });
  return { status: res.status, headers: answered, body: await res.text(), logged: logged.splice(from).map(String) };
}

const management = (lang = 'en-US') => ({ authorization: `Bearer ${token}`, 'x-authing-lang': lang });

const IS_ACTION_ALLOWED =
  'query isActionAllowed($resource: String!, $action: String!, $userId: String!, $namespace: String) {\n  isActionAllowed(resource: $resource, action: $action, userId: $userId, namespace: $namespace)\n}';

interface Case {
  name: string;
  /** The body: an object sent as JSON, or the exact text. */
  body: object | string;
  headers?: Record<string, string>;
  /** Whether the first app answers it beside yoga. */
  fast: boolean;
  /** The answer depends on when the database answers: compared {@link settled}. */
  racy?: true;
}

/**
 * A refusal for the resolver budget names the call that went over it, and which call that is (and
 * whether the count or the clock stops the request first) depends on when the database answers
 * (concurrently, on PostgreSQL's pool): yoga's own answers differ from one run to the next. Its
 * answers are compared without the call's place, the length that goes with it and the reason.
 */
function settled(a: Answer): Answer {
  const body = a.body
    .replace(/"locations":\[[^\]]*\],"path":\[[^\]]*\],/, '')
    .replace(/"The request (needs more than 1000 resolver calls|ran longer than 1000 ms); /, '"The request is over the resolver budget; ');
  return { ...a, headers: { ...a.headers, 'content-length': '' }, body };
}

/**
 * Sends a case to both apps, the fast one first. Its document is first sent to the fast app once
 * with no variables, so that yoga parses and validates it (what the fast path waits for); every
 * mutation here declares a required variable, so that request runs none.
 */
async function both(c: Case): Promise<{ fast: Answer; yoga: Answer }> {
  const text = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
  const { query, operationName } = (typeof c.body === 'object' && !Array.isArray(c.body) ? c.body : {}) as { query?: unknown; operationName?: unknown };
  if (typeof query === 'string') await post(fastUrl, JSON.stringify({ query, operationName, variables: {} }), management());
  const before = fastPathCount();
  const fast = await post(fastUrl, text, c.headers);
  expect(fastPathCount() - before, `${c.name}: answered by the fast path`).toBe(c.fast ? 1 : 0);
  const yoga = await post(yogaUrl, text, c.headers);
  expect(fastPathCount() - before, `${c.name}: the yoga-only app took the fast path`).toBe(c.fast ? 1 : 0);
  return { fast, yoga };
}

beforeAll(async () => {
  store = await Store.open(testDatabase());
  const pool = await ensureDefaultPool(store);
  const state = createServerState(store, 'http://127.0.0.1', (e) => logged.push(e));
  handlers = { fast: createApp(state), yoga: createApp(state, { graphqlFastPath: false }) };
  for (const [name, handler] of Object.entries(handlers)) {
    const { server, url } = await listen(handler, 0);
    servers.push(server);
    if (name === 'fast') fastUrl = url;
    else yogaUrl = url;
  }
  state.setIssuer(fastUrl);
  const seed = async (query: string, variables?: object, headers?: Record<string, string>) => {
    const answer = await post(yogaUrl, JSON.stringify({ query, variables }), headers);
    const body = JSON.parse(answer.body) as { data: unknown; errors?: unknown };
    if (body.errors) throw new Error(answer.body);
    return body.data;
  };
  const access = (await seed('query($u: String!, $s: String!) { accessToken(userPoolId: $u, secret: $s) { accessToken } }', { u: pool.userPoolId, s: pool.secret })) as {
    accessToken: { accessToken: string };
  };
  token = access.accessToken.accessToken;
  // 30 users holding a role each: enough for one document to spend the resolver budget.
  await seed('mutation { createRole(code: "reader") { code } }', undefined, management());
  for (let i = 0; i < 30; i++) {
    const made = (await seed('mutation($u: CreateUserInput!) { createUser(userInfo: $u) { id } }', { u: { username: `user${i}`, email: `user${i}@example.com` } }, management())) as {
      createUser: { id: string };
    };
    await seed('mutation($u: [String!]) { assignRole(roleCode: "reader", userIds: $u) { code } }', { u: [made.createUser.id] }, management());
    if (i === 0) await seed('mutation($u: String!) { allow(resource: "books:1", action: "books:read", userId: $u) { code } }', { u: made.createUser.id }, management());
  }
  expect(logged).toEqual([]);
});

afterAll(async () => {
  for (const server of servers) await close(server);
  await store.close();
});

/** The id of `user0`, the user granted `books:read` on `books:1`. */
async function userId(): Promise<string> {
  const answer = await post(yogaUrl, JSON.stringify({ query: '{ users(limit: 200) { list { id username } } }' }), management());
  const list = (JSON.parse(answer.body) as { data: { users: { list: Array<{ id: string; username: string }> } } }).data.users.list;
  const id = list.find((u) => u.username === 'user0')?.id;
  if (!id) throw new Error('user0 is missing');
  return id;
}

/** The first error's `message` of an answer (Authing's `{code, message}`). */
const firstError = (a: Answer | undefined) => (JSON.parse(a?.body ?? '{}') as { errors?: Array<{ message: unknown }> }).errors?.[0]?.message;

describe('the GraphQL fast path answers exactly as yoga', () => {
  it('answers queries, mutations, Authing errors, variable errors and limits byte for byte as yoga', async () => {
    const u = await userId();
    const check = { resource: 'books:1', action: 'books:read', userId: u };
    const heavy = `{ ${Array.from({ length: 45 }, (_, i) => `a${i}: users(limit: 200) { list { roles { totalCount } } }`).join(' ')} }`;
    const cases: Case[] = [
      { name: 'isActionAllowed, allowed', body: { query: IS_ACTION_ALLOWED, variables: check }, headers: management('zh-CN'), fast: true },
      { name: 'isActionAllowed, text beyond ASCII', body: { query: IS_ACTION_ALLOWED, variables: { ...check, resource: '书:一', namespace: '名' } }, headers: management(), fast: true },
      { name: 'isActionAllowed, not allowed', body: { query: IS_ACTION_ALLOWED, variables: { ...check, action: 'books:edit' } }, headers: management(), fast: true },
      { name: 'with extensions and a null operationName', body: { query: IS_ACTION_ALLOWED, variables: check, operationName: null, extensions: {} }, headers: management(), fast: true },
      { name: 'a named operation', body: { query: IS_ACTION_ALLOWED, variables: check, operationName: 'isActionAllowed' }, headers: management(), fast: true },
      { name: 'a content type with parameters', body: { query: IS_ACTION_ALLOWED, variables: check }, headers: { ...management(), 'content-type': 'application/json; charset=utf-8' }, fast: true },
      { name: 'from a page (CORS)', body: { query: IS_ACTION_ALLOWED, variables: check }, headers: { ...management(), origin: 'http://localhost:5173' }, fast: true },
      { name: 'a listing', body: { query: 'query($l: Int) { users(page: 1, limit: $l) { totalCount list { username email } } }', variables: { l: 5 } }, headers: management(), fast: true },
      { name: 'fragments, aliases and directives', body: { query: 'query($s: Boolean!) { a: __typename @skip(if: $s) ...F } fragment F on Query { b: role(code: "reader") { code } }', variables: { s: false } }, headers: management(), fast: true },
      { name: 'two operations, one named', body: { query: 'query one { __typename } query two { role(code: "reader") { code } }', operationName: 'two' }, headers: management(), fast: true },
      { name: 'introspection', body: { query: getIntrospectionQuery({ descriptions: true }) }, fast: true },
      // Mutations: one repeated to the same effect, one made twice with different codes, one refused with Authing's code.
      { name: 'allow, again', body: { query: 'mutation($u: String!) { allow(resource: "books:1", action: "books:read", userId: $u) { code message } }', variables: { u: u } }, headers: management(), fast: true },
      { name: 'createRole, a role that exists', body: { query: 'mutation($c: String!) { createRole(code: $c) { code } }', variables: { c: 'reader' } }, headers: management('zh-CN'), fast: true },
      { name: 'createUser, an email taken', body: { query: 'mutation($u: CreateUserInput!) { createUser(userInfo: $u) { id } }', variables: { u: { email: 'user1@example.com' } } }, headers: management(), fast: true },
      // Authentication.
      { name: 'no token', body: { query: '{ users { totalCount } }' }, headers: { 'x-authing-lang': 'en-US' }, fast: true },
      { name: 'no token, data beside the error', body: { query: '{ t: __typename users { totalCount } }' }, fast: true },
      { name: 'a forged token', body: { query: '{ users { totalCount } }' }, headers: { authorization: 'Bearer not.a.token' }, fast: true },
      // Variables the operation cannot take.
      { name: 'a required variable missing', body: { query: IS_ACTION_ALLOWED, variables: { resource: 'books:1', action: 'books:read' } }, headers: management(), fast: true },
      { name: 'a variable of the wrong type', body: { query: IS_ACTION_ALLOWED, variables: { ...check, userId: 5 } }, headers: management(), fast: true },
      { name: 'a non-null variable null', body: { query: IS_ACTION_ALLOWED, variables: { ...check, action: null } }, headers: management('zh-CN'), fast: true },
      { name: 'an input object with an unknown field', body: { query: 'mutation($u: CreateUserInput!) { createUser(userInfo: $u) { id } }', variables: { u: { nope: 1 } } }, headers: management(), fast: true },
      // Limits checked with the variables (cost.ts) and during execution (budget.ts).
      { name: 'a limit over 200 in a variable', body: { query: 'query($l: Int) { users(limit: $l) { totalCount } }', variables: { l: 500 } }, headers: management(), fast: true },
      { name: 'an answer over the estimate', body: { query: '{ users(limit: 200) { list { roles { list { users(limit: 200) { list { id } } } } } } }' }, headers: management(), fast: true },
      { name: 'over the resolver budget', body: { query: heavy }, headers: management(), fast: true, racy: true },
      // Yoga's own: what the fast path leaves to it.
      { name: 'an unknown operationName', body: { query: IS_ACTION_ALLOWED, variables: check, operationName: 'nope' }, headers: management(), fast: false },
      { name: 'two operations, no name', body: { query: 'query one { __typename } query two { __typename }' }, fast: false },
      { name: 'a subscription', body: { query: 'subscription { __typename }' }, fast: false },
      { name: 'a validation failure', body: { query: '{ noSuchField }' }, fast: false },
      { name: 'a syntax error', body: { query: '{ users { ' }, fast: false },
      { name: 'too deep', body: { query: `{ users { list { ${'roles { list { users { list { '.repeat(3)}id${' } } } }'.repeat(3)} } } }` }, fast: false },
      { name: 'an unexpected parameter', body: { query: IS_ACTION_ALLOWED, variables: check, other: 1 }, headers: management(), fast: false },
      { name: 'variables as a list', body: { query: IS_ACTION_ALLOWED, variables: [check] }, headers: management(), fast: false },
      { name: 'operationName as a number', body: { query: IS_ACTION_ALLOWED, variables: check, operationName: 5 }, headers: management(), fast: false },
      { name: 'a batch', body: [{ query: '{ __typename }' }], fast: false },
      { name: 'not JSON', body: '{"query": ', fast: false },
      { name: 'no query', body: { variables: {} }, fast: false },
      { name: 'a JSON type yoga does not read', body: { query: '{ __typename }' }, headers: { 'content-type': 'application/ld+json' }, fast: false },
    ];
    const answers = new Map<string, Answer>();
    for (const c of cases) {
      const { fast, yoga } = await both(c);
      if (c.racy) expect(settled(fast), c.name).toEqual(settled(yoga));
      else expect(fast, c.name).toEqual(yoga);
      answers.set(c.name, fast);
    }
    // What was compared is what it should be: answers, Authing's error shape, each limit.
    expect(answers.get('isActionAllowed, allowed')?.body).toBe('{"data":{"isActionAllowed":true}}');
    expect(answers.get('isActionAllowed, not allowed')?.body).toBe('{"data":{"isActionAllowed":false}}');
    expect(answers.get('allow, again')?.body).toMatch(/^\{"data":\{"allow":\{"code":200,/);
    expect(firstError(answers.get('createRole, a role that exists'))).toEqual({ code: 3201, message: '角色 code 已存在' });
    expect(firstError(answers.get('createUser, an email taken'))).toMatchObject({ code: 2026 });
    expect(firstError(answers.get('no token'))).toEqual({ code: 2020, message: 'Not logged in or the token is invalid' });
    expect(firstError(answers.get('a variable of the wrong type'))).toMatchObject({ code: 400, message: expect.stringContaining('"$userId" got invalid value 5') });
    expect(firstError(answers.get('a limit over 200 in a variable'))).toEqual({ code: 400, message: 'limit must be an integer from 1 to 200' });
    expect(firstError(answers.get('an answer over the estimate'))).toMatchObject({ message: expect.stringMatching(/^The answer would hold more than 200000 fields/) });
    expect(firstError(answers.get('over the resolver budget'))).toMatchObject({ code: 400, message: expect.stringMatching(/^The request (needs more than 1000 resolver calls|ran longer than 1000 ms)/) });
    expect(settled(answers.get('over the resolver budget')!).body).toBe(
      '{"data":null,"errors":[{"message":{"code":400,"message":"The request is over the resolver budget; ask for smaller pages or fewer nested lists"},"extensions":{"code":400}}]}',
    );
    expect(JSON.parse(answers.get('introspection')?.body ?? '{}')).toMatchObject({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect(answers.get('from a page (CORS)')?.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(answers.get('a JSON type yoga does not read')?.status).toBe(415);
    for (const [name, a] of answers) expect(a.logged, name).toEqual([]);
  });

  it('a mutation that makes something answers the same', async () => {
    const made = async (base: string, code: string) => JSON.parse((await post(base, JSON.stringify({ query: 'mutation($c: String!) { createRole(code: $c, description: "d") { description namespace } }', variables: { c: code } }), management())).body) as unknown;
    await post(fastUrl, JSON.stringify({ query: 'mutation($c: String!) { createRole(code: $c, description: "d") { description namespace } }', variables: {} }), management());
    const before = fastPathCount();
    const fast = await made(fastUrl, 'made_fast');
    expect(fastPathCount() - before).toBe(1);
    expect(fast).toEqual(await made(yogaUrl, 'made_by_yoga'));
    expect(fast).toEqual({ data: { createRole: { description: 'd', namespace: 'default' } } });
  });

  it('leaves requests made in process to yoga, which stops at an abort', async () => {
    const body = JSON.stringify({ query: IS_ACTION_ALLOWED, variables: { resource: 'books:1', action: 'books:read', userId: await userId() } });
    const request = (signal?: AbortSignal) => new Request(`${fastUrl}/graphql/v2`, { method: 'POST', headers: { 'content-type': 'application/json', ...management() }, body, signal });
    const before = fastPathCount();
    expect(await (await handlers.fast(request())).text()).toBe('{"data":{"isActionAllowed":true}}');
    await expect(handlers.fast(request(AbortSignal.abort()))).rejects.toThrow(/aborted/);
    await expect(handlers.yoga(request(AbortSignal.abort()))).rejects.toThrow(/aborted/);
    expect(fastPathCount() - before).toBe(0);
  });

  it('leaves a document yoga has not seen to yoga, and takes it from then on', async () => {
    const query = '{ role(code: "reader") { code description } }';
    const before = fastPathCount();
    const first = await post(fastUrl, JSON.stringify({ query }), management());
    expect(fastPathCount() - before).toBe(0);
    const second = await post(fastUrl, JSON.stringify({ query }), management());
    expect(fastPathCount() - before).toBe(1);
    expect(second).toEqual(first);
  });
});
