/**
 * The cases of the issue "Hold up under hostile input", one test each, over real HTTP: every one
 * answered 5xx, hung, or answered outside Authing's shape before the HTTP layer's limits.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { ManagementClient } from 'authing-ts';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionProblem } from '../../server/src/graphql/cost.js';
import { documentProblem, operationsProblem, sourceProblem } from '../../server/src/graphql/limits.js';
import { schema } from './model.js';
import { refusals, send, sendBytes, startHostileServer, type HostileServer, type RawRequest, type RawResponse } from './helpers.js';

let h: HostileServer;
let management: ManagementClient;
beforeAll(async () => {
  h = await startHostileServer();
  management = new ManagementClient({ userPoolId: h.server.userPoolId, secret: h.server.secret, host: h.server.url });
});
afterAll(async () => {
  await h?.close();
});

const auth = () => ({ authorization: `Bearer ${h.managementToken}`, 'x-authing-userpool-id': h.server.userPoolId, 'x-authing-lang': 'en-US' });
const rest = (method: string, path: string, extra: Partial<RawRequest> = {}) => send(h.server.url, { method, path, ...extra, headers: { ...auth(), ...extra.headers } });
const gql = (query: string, variables?: unknown, headers: Record<string, string> = {}) =>
  send(h.server.url, {
    method: 'POST',
    path: '/graphql/v2',
    headers: { ...auth(), 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });

/** The one refusal of an answer, which must be in Authing's shape. */
function refusal(response: RawResponse, graphqlPath = false): { code: number; message: string } {
  const found = refusals(response, graphqlPath);
  expect(found, response.text.slice(0, 300)).toHaveLength(1);
  return found[0] as { code: number; message: string };
}

describe('malformed input answers 400 in Authing’s shape, not 5xx', () => {
  it('a path parameter that is no percent-encoded UTF-8', async () => {
    for (const path of ['/api/v2/users/%E0%A4%A', '/api/v2/users/%ZZ', '/api/v2/applications/%C0%AF']) {
      const r = await rest('GET', path);
      expect(r.status, path).toBe(400);
      expect(refusal(r)).toMatchObject({ code: 400, message: expect.stringMatching(/percent-encoded/) });
    }
  });

  it('a query string with broken escapes', async () => {
    const r = await rest('GET', '/api/v2/resources?namespace=%E0%A4%A&type=%ZZ');
    expect(r.status).toBeLessThan(500);
    refusals(r, false);
  });

  it('selections, list literals and input objects nested thousands deep', async () => {
    const deep = [
      `{ ${'users { list { '.repeat(2000)}id${' } }'.repeat(2000)} }`,
      `{ users(page: ${'['.repeat(5000)}1${']'.repeat(5000)}) { totalCount } }`,
      `{ users(page: ${'{ a: '.repeat(5000)}1${' }'.repeat(5000)}) { totalCount } }`,
    ];
    for (const query of deep) {
      const r = await gql(query);
      expect(r.status).toBe(200);
      expect(refusal(r, true)).toMatchObject({ code: 400, message: 'The document nests more than 32 levels deep' });
    }
    expect(h.log).toEqual([]);
  });

  it('malformed JSON bodies', async () => {
    const g = await send(h.server.url, { method: 'POST', path: '/graphql/v2', headers: { ...auth(), 'content-type': 'application/json' }, body: '{"query": ' });
    expect(refusal(g, true).code).toBe(400);
    const r = await rest('POST', '/api/v2/acl/is-allowed', { headers: { 'content-type': 'application/json' }, body: '{"userId": ' });
    expect(r.status).toBe(400);
    expect(refusal(r)).toEqual({ code: 400, message: 'Request body is not valid JSON', data: null });
    // yoga JSON.parses a GET's variables and extensions itself; a SyntaxError there was a masked 500.
    for (const name of ['variables', 'extensions']) {
      const g = await send(h.server.url, { method: 'GET', path: `/graphql/v2?query=%7B__typename%7D&${name}=%7B%22a%22%3A`, headers: auth() });
      expect(refusal(g, true)).toEqual({ code: 400, message: `The ${name} parameter is not valid JSON` });
    }
    expect(h.log).toEqual([]);
  });

  it('a page past what SQLite can offset (was: datatype mismatch, 500)', async () => {
    await management.acl.createNamespace('paging-ns', 'Paging');
    const r = await rest('GET', `/api/v2/resource-namespace/${h.server.userPoolId}?page=99999999999&limit=99999999999`);
    expect(r.status).toBe(400);
    expect(refusal(r)).toMatchObject({ code: 400, message: 'page must be an integer from 1 to 2147483647' });
    expect(h.log).toEqual([]);
  });
});

describe('the HTTP layer answers in Authing’s shape', () => {
  it('TRACE (which `new Request` refuses to build) is 405', async () => {
    for (const path of ['/', '/api/v2/users/me', '/graphql/v2']) {
      const r = await send(h.server.url, { method: 'TRACE', path });
      expect(r.status, path).toBe(405);
      expect(refusal(r, path === '/graphql/v2').code).toBe(405);
    }
  });

  it('a malformed Host header is 400', async () => {
    for (const host of ['a b:c', 'x:99999', '[::1', 'x/api/v2/users', 'u@x', '']) {
      const r = await sendBytes(h.server.url, `GET /health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(r.status, host).toBe(400);
      expect(JSON.parse(r.text)).toMatchObject({ code: 400, data: null });
    }
  });

  it('a request node cannot parse, or with headers past its limit, gets an envelope too', async () => {
    const bad = await sendBytes(h.server.url, 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ code: 400 });
    const big = await sendBytes(h.server.url, `GET /health HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big.status).toBe(431);
    expect(JSON.parse(big.text)).toMatchObject({ code: 431 });
    // A HEAD answer has no body: one there would be read as the next answer on the connection.
    const head = await sendBytes(h.server.url, Buffer.from('HEAD /api/v2/applications/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'));
    expect(head).toEqual({ status: 400, text: '' });
  });

  it('POST /graphql/v2 with a content type other than JSON is 415 with a body', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/graphql', 'multipart/form-data; boundary=x']) {
      const r = await send(h.server.url, { method: 'POST', path: '/graphql/v2', headers: { ...auth(), 'content-type': type }, body });
      expect(r.status, type).toBe(415);
      expect(refusal(r, true).code).toBe(415);
    }
    const none = await send(h.server.url, { method: 'POST', path: '/graphql/v2', headers: auth(), body });
    expect(none.status).toBe(415);
  });

  it('GraphQL answers JSON whatever Accept asks (multipart/mixed used to break the HTTP framing)', async () => {
    for (const accept of ['text/event-stream', 'multipart/mixed', 'text/plain', 'image/png']) {
      const r = await gql('{ __typename }', undefined, { accept });
      expect(r.status, accept).toBe(200);
      expect(JSON.parse(r.text)).toEqual({ data: { __typename: 'Query' } });
    }
  });

  it('other methods on /graphql/v2 and on REST paths are 405', async () => {
    const g = await send(h.server.url, { method: 'PUT', path: '/graphql/v2', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(g.status).toBe(405);
    expect(refusal(g, true).code).toBe(405);
    const r = await rest('PATCH', '/api/v2/users/me');
    expect(r.status).toBe(405);
    expect(refusal(r).code).toBe(405);
  });

  it('a 20 MB body is 413, for GraphQL and REST, and the connection still answers', async () => {
    const huge = JSON.stringify({ query: '{ __typename }', variables: { x: 'a'.repeat(20 * 1024 * 1024) } });
    const g = await send(h.server.url, { method: 'POST', path: '/graphql/v2', headers: { ...auth(), 'content-type': 'application/json' }, body: huge });
    expect(g.status).toBe(413);
    expect(refusal(g, true).code).toBe(413);
    const r = await rest('POST', '/api/v2/acl/is-allowed', { headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:5173' }, body: huge });
    expect(r.status).toBe(413);
    expect(refusal(r).code).toBe(413);
    // A browser app may read the refusal: it carries CORS headers like every other answer.
    expect(r.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
    // Chunked, with no content-length to refuse up front.
    const chunked = await send(h.server.url, { method: 'POST', path: '/graphql/v2', headers: { ...auth(), 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: huge });
    expect(chunked.status).toBe(413);
    expect((await send(h.server.url, { method: 'GET', path: '/health' })).status).toBe(200);
  });

  it('a batch (an array body) is refused', async () => {
    const r = await send(h.server.url, {
      method: 'POST',
      path: '/graphql/v2',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(refusal(r, true)).toMatchObject({ code: 400, message: 'Batching is not supported.' });
  });
});

describe('GraphQL limits refuse documents that would hang the server', () => {
  beforeAll(async () => {
    // A users ↔ roles graph: every user holds every role, so each level multiplies.
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => management.users.create({ username: `cycle_${i}`, password: 'x' })));
    for (let i = 0; i < 6; i++) {
      await management.roles.create(`cycle_role_${i}`);
      await management.roles.addUsers(`cycle_role_${i}`, users.map((u) => u.id));
    }
  });

  const cycle = (levels: number, limit = '') =>
    `{ users${limit} { list { ${'roles { list { users { list { '.repeat(levels)}id${' } } } }'.repeat(levels)} } } }`;

  it('a users ↔ roles cycle nested 28 levels deep (2.7 s before), or 3, is refused at once', async () => {
    for (const [levels, message] of [
      [28, 'The document nests more than 32 levels deep'],
      [7, 'The query is nested more than 12 fields deep'],
      [3, 'The query is nested more than 12 fields deep'],
    ] as const) {
      const r = await gql(cycle(levels));
      expect(r.ms).toBeLessThan(1000);
      expect(refusal(r, true)).toMatchObject({ code: 400, message });
    }
  });

  it('a shallow document whose lists multiply past the estimate is refused before it runs', async () => {
    const r = await gql('{ users(limit: 200) { list { roles { list { users(limit: 200) { list { id } } } } } } }');
    expect(refusal(r, true)).toMatchObject({ code: 400, message: expect.stringMatching(/^The answer would hold more than 200000 fields/) });
  });

  it('1,000 aliases of users(limit: -1), and 51 of them, are refused', async () => {
    const aliases = (n: number, limit: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: users(limit: ${limit}) { totalCount list { id } }`).join(' ')} }`;
    const thousand = await gql(aliases(1000, -1));
    expect(thousand.ms).toBeLessThan(1000);
    expect(refusal(thousand, true)).toMatchObject({ code: 400, message: 'The document has more than 3000 tokens' });
    expect(refusal(await gql(aliases(51, 10)), true)).toMatchObject({ code: 400, message: 'The document uses more than 50 aliases' });
  });

  it('limit outside 1..200 and page below 1 are refused, as literals and as variables', async () => {
    for (const [args, variables] of [
      ['(limit: -1)', undefined],
      ['(limit: 201)', undefined],
      ['(page: 0)', undefined],
      ['(limit: $l)', { l: 100000 }],
    ] as const) {
      const query = variables ? `query($l: Int) { users${args} { totalCount } }` : `{ users${args} { totalCount } }`;
      expect(refusal(await gql(query, variables), true), args).toMatchObject({ code: 400, message: expect.stringMatching(/^(limit|page) must be an integer from 1 to/) });
    }
    const byDefault = await gql('query($l: Int = 500) { users(limit: $l) { totalCount } }');
    expect(refusal(byDefault, true).message).toBe('limit must be an integer from 1 to 200');
    const nested = await gql('{ role(code: "cycle_role_0") { users(limit: 1000) { totalCount } } }');
    expect(refusal(nested, true).message).toBe('limit must be an integer from 1 to 200');
    const restLimit = await rest('GET', `/api/v2/resources?namespace=default&limit=-1`);
    expect(restLimit.status).toBe(400);
    expect(refusal(restLimit).message).toBe('limit must be an integer from 1 to 200');
  });

  it('more than 5 operations, 1000 selections or 50 directives in one document are refused', async () => {
    const ops = Array.from({ length: 6 }, (_, i) => `query q${i} { __typename }`).join(' ');
    expect(refusal(await gql(ops), true).message).toBe('The document has 6 operations; at most 5 are allowed');
    expect(refusal(await gql(`{ ${'__typename '.repeat(1001)}}`), true).message).toBe('The document selects more than 1000 fields and fragments');
    expect(refusal(await gql(`{ __typename ${'@include(if: true) '.repeat(51)}}`), true).message).toBe('The document uses more than 50 directives');
    // Spreads of spreads ending in fragments that do not exist: 2^30 spreads and no field to count.
    const bomb = `{ ...f0 } ${Array.from({ length: 30 }, (_, i) => `fragment f${i} on Query { ...f${i + 1} ...f${i + 1} }`).join(' ')}`;
    const refused = await gql(bomb);
    expect(refused.ms).toBeLessThan(1000);
    expect(refusal(refused, true).message).toBe('The document selects more than 1000 fields and fragments');
  });

  it('what the data makes of a small document is bounded by the resolver budget', async () => {
    // 1 + 7 User.roles + 36 Role.users calls (6 users hold 6 roles each; the test user none).
    const light = await gql('{ users(limit: 10) { list { roles { list { users(limit: 10) { list { id } } } } } } }');
    expect(refusals(light, true)).toEqual([]);
    // Within every static limit, but 5 × (44 + 216 users × 2 nested lists) ≈ 2400 calls at run time, over 1000.
    const heavy = 'users(limit: 10) { list { roles { list { users(limit: 10) { list { id groups { totalCount } roles { totalCount } } } } } } }';
    const refused = await gql(`{ ${Array.from({ length: 5 }, (_, i) => `a${i}: ${heavy}`).join(' ')} }`);
    expect(refused.ms).toBeLessThan(2000);
    expect(refusals(refused, true)[0]).toMatchObject({
      code: 400,
      message: expect.stringMatching(/^The request (needs more than 1000 resolver calls|ran longer than 1000 ms)/),
    });
  });

  it('the SDK’s documents and GraphiQL’s introspection still pass', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const r = await gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(refusals(r, true)).toEqual([]);
    expect(JSON.parse(r.text).data.__schema.queryType.name).toBe('Query');
    const list = await management.users.list(1, 200);
    expect(list.totalCount).toBeGreaterThan(6);
    expect(h.log).toEqual([]);
  });

  it('every document the SDKs send (ours and the official one’s) passes every limit at limit 200', () => {
    const documents: Array<[string, string]> = [];
    const official = readFileSync(new URL('../../node_modules/authing-js-sdk/src/types/graphql.v2.ts', import.meta.url), 'utf8');
    for (const m of official.matchAll(/export const (\w+)Document = `([^`]*)`/g)) documents.push([`official ${m[1]}`, m[2] ?? '']);
    const dir = new URL('../../schema/graphql/operations/', import.meta.url);
    const fragments = readFileSync(new URL('fragments.graphql', dir), 'utf8');
    for (const file of readdirSync(dir).filter((f) => f !== 'fragments.graphql')) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      for (const d of parse(text).definitions) {
        if (d.kind === Kind.OPERATION_DEFINITION && d.loc) documents.push([`ours ${d.name?.value}`, `${text.slice(d.loc.start, d.loc.end)}\n${fragments}`]);
      }
    }
    expect(documents.length).toBeGreaterThan(150);
    const refused = documents.flatMap(([name, text]) => {
      const document = parse(text);
      const problem = sourceProblem(text) ?? operationsProblem(document) ?? documentProblem(document) ?? executionProblem(schema, document, undefined, { page: 1, limit: 200 });
      return problem ? [`${name}: ${problem.en}`] : [];
    });
    expect(refused).toEqual([]);
  });
});
