import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentParseCount } from '../../src/graphql/limits.js';
import { startLocalAuthing, type LocalAuthing } from '../../src/index.js';

/**
 * graphql/limits.ts parses (and checks, and validates) each distinct document text once: a text
 * sent again is answered from its cache, whether it was accepted or refused, and the answer is the
 * same as the first time.
 */
let s: LocalAuthing;
let token: string;

async function gql(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: string }> {
  const res = await fetch(`${s.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authing-lang': 'en-US', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.text() };
}

beforeAll(async () => {
  s = await startLocalAuthing({ port: 0, log: () => undefined });
  const answer = await gql('query($u: String!, $s: String!) { accessToken(userPoolId: $u, secret: $s) { accessToken } }', { u: s.userPoolId, s: s.secret });
  token = (JSON.parse(answer.body) as { data: { accessToken: { accessToken: string } } }).data.accessToken.accessToken;
});
afterAll(() => s.close());

const refusalOf = (body: string) => (JSON.parse(body) as { errors?: Array<{ message: { code: number; message: string } }> }).errors?.[0]?.message;

describe('the GraphQL document cache', () => {
  it('parses a document text once, whatever the variables', async () => {
    const query = 'query check($resource: String!, $action: String!, $userId: String!) { isActionAllowed(resource: $resource, action: $action, userId: $userId) }';
    const before = documentParseCount();
    const answers = [];
    for (const userId of ['u1', 'u2', 'u3']) answers.push(await gql(query, { resource: 'books:1', action: 'read', userId }));
    expect(documentParseCount() - before).toBe(1);
    for (const a of answers) expect(JSON.parse(a.body)).toEqual({ data: { isActionAllowed: false } });
    // The cache is keyed by the text: the same operation spelled differently is another document.
    await gql(query.replace('{ isActionAllowed', '{\n  isActionAllowed'), { resource: 'books:1', action: 'read', userId: 'u1' });
    expect(documentParseCount() - before).toBe(2);
  });

  it('refuses a refused document again, with the same answer', async () => {
    const cases = [
      // Refused before parsing (tokens), right after parsing (operations), at validation (depth, unknown field), or a syntax error.
      { query: `{ ${'__typename '.repeat(3001)}}`, parses: 0, message: 'The document has more than 3000 tokens' },
      { query: Array.from({ length: 6 }, (_, i) => `query q${i} { __typename }`).join(' '), parses: 1, message: 'The document has 6 operations; at most 5 are allowed' },
      { query: `{ users { list { ${'roles { list { users { list { '.repeat(3)}id${' } } } }'.repeat(3)} } } }`, parses: 1, message: 'The query is nested more than 12 fields deep' },
      { query: '{ noSuchField }', parses: 1, message: expect.stringContaining('noSuchField') },
      { query: '{ users { ', parses: 1, message: expect.stringContaining('Syntax Error') },
    ];
    for (const c of cases) {
      const before = documentParseCount();
      const first = await gql(c.query);
      const second = await gql(c.query);
      expect(documentParseCount() - before, c.query.slice(0, 40)).toBe(c.parses);
      expect(refusalOf(first.body), c.query.slice(0, 40)).toMatchObject({ message: c.message });
      expect(second, c.query.slice(0, 40)).toEqual(first);
    }
  });
});
