import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalAuthing, type LocalAuthing } from '../../src/index.js';

/** A page served by a dev server on another port, as a browser app built with the SDK runs. */
const ORIGIN = 'http://127.0.0.1:5173';

/** What authing-ts and the official authing-js-sdk send, as a browser lists them in a preflight. */
const SDK_HEADERS = [
  'authorization',
  'content-type',
  'x-authing-app-id',
  'x-authing-app-tenant-id',
  'x-authing-lang',
  'x-authing-request-from',
  'x-authing-sdk-version',
  'x-authing-userpool-id',
];

let s: LocalAuthing;
beforeAll(async () => {
  s = await startLocalAuthing({ port: 0, log: () => undefined });
});
afterAll(() => s.close());

const preflight = (path: string, method: string) =>
  fetch(`${s.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': SDK_HEADERS.join(',') },
  });

/** The parts of a response a browser checks before it hands the answer to the page. */
function expectReadableBy(res: Response, origin: string) {
  expect(res.headers.get('access-control-allow-origin')).toBe(origin);
  expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  expect(res.headers.get('vary')).toMatch(/Origin/);
}

describe('CORS', () => {
  it.each([
    ['/graphql/v2', 'POST'],
    ['/api/v2/.well-known', 'GET'],
    ['/api/v2/acl/is-allowed', 'POST'],
    ['/api/v2/users/me', 'GET'],
  ])('answers a preflight for %s %s with the SDK headers allowed', async (path, method) => {
    const res = await preflight(path, method);
    expect(res.status).toBe(204);
    expectReadableBy(res, ORIGIN);
    expect(res.headers.get('access-control-allow-methods')?.split(/,\s*/)).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
    const allowed = res.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(SDK_HEADERS));
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(await res.text()).toBe('');
  });

  it('lets a page read a GraphQL answer and its request id', async () => {
    const res = await fetch(`${s.url}/graphql/v2`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', 'x-authing-userpool-id': s.userPoolId },
      body: JSON.stringify({ query: `{ accessToken(userPoolId: "${s.userPoolId}", secret: "${s.secret}") { accessToken } }` }),
    });
    expectReadableBy(res, ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = (await res.json()) as { data: { accessToken: { accessToken: string } } };
    expect(body.data.accessToken.accessToken).toMatch(/^ey/);
  });

  it('lets a page read REST answers, errors included', async () => {
    const wellKnown = await fetch(`${s.url}/api/v2/.well-known`, { headers: { origin: ORIGIN, 'x-authing-userpool-id': s.userPoolId } });
    expectReadableBy(wellKnown, ORIGIN);
    expect(((await wellKnown.json()) as { data: { publicKey: string } }).data.publicKey).toBe(s.publicKey);

    const other = 'http://localhost:8080';
    const unauthorized = await fetch(`${s.url}/api/v2/users/me`, { headers: { origin: other } });
    expect(unauthorized.status).toBe(401);
    expectReadableBy(unauthorized, other);
    expect(unauthorized.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
  });

  it('adds no CORS grant to calls without an Origin (servers, tests, curl)', async () => {
    const res = await fetch(`${s.url}/api/v2/.well-known`, { headers: { 'x-authing-userpool-id': s.userPoolId } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });
});
