/**
 * Hostile input on the identity-protocol endpoints (OIDC / OAuth 2.0 under oidc-provider, the
 * hosted login's forms, CAS, the hosted logout): seeded random requests made of the parameters
 * these endpoints read, filled with hostile strings, real ids and secrets, and broken encodings.
 * Every answer comes within 2 s and is never a server error; a token endpoint's refusal is an
 * OAuth error body; CAS v1 answers `no`; and a refused request writes nothing.
 */
import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startHostileServer, type HostileServer } from './helpers.js';
import { BAD_ESCAPES, CONTENT_TYPES, HOSTILE_STRINGS, Rand } from './values.js';

let s: HostileServer;
let known: string[];
let samlRequests: string[];
const SEED = Number(process.env.HOSTILE_SEED ?? Math.floor(Math.random() * 2 ** 31));

beforeAll(async () => {
  s = await startHostileServer();
  const grant = await fetch(`${s.server.url}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: 'hostile_user', password: 'Hostile-Passw0rd', scope: 'openid offline_access', client_id: s.server.appId, client_secret: s.server.appSecret }).toString(),
  });
  const tokens = (await grant.json()) as { access_token: string; refresh_token: string; id_token: string };
  // The app is a SAML app too, so the SAML endpoints reach past "no such app".
  await fetch(`${s.server.url}/api/v2/applications/${s.server.appId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.managementToken}`, 'x-authing-userpool-id': s.server.userPoolId },
    body: JSON.stringify({ samlConfig: { acs: 'http://127.0.0.1:9/acs', audience: 'urn:hostile:sp' } }),
  });
  // The first request of each protocol makes and stores its keys (and loads its library): done
  // here, so that the requests under test find them and a refusal has nothing left to write.
  await fetch(`${s.server.url}/api/v2/saml-idp/${s.server.appId}/metadata`);
  known = [s.server.appId, s.server.appSecret, s.server.userPoolId, tokens.access_token, tokens.refresh_token, tokens.id_token, 'hostile_user', 'Hostile-Passw0rd', 'http://127.0.0.1:9/cb', 'ST-x', 'openid profile offline_access'];
  const request = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="${new Date().toISOString()}" AssertionConsumerServiceURL="http://127.0.0.1:9/acs"><saml:Issuer>urn:hostile:sp</saml:Issuer></samlp:AuthnRequest>`;
  samlRequests = [deflateRawSync(request).toString('base64'), Buffer.from(request).toString('base64'), Buffer.from('<x/>').toString('base64'), Buffer.from(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${request.replace('urn:hostile:sp', '&e;')}`).toString('base64')];
  console.info(`protocol hostile suite: seed ${SEED} (replay with HOSTILE_SEED=${SEED})`);
});

afterAll(async () => {
  await s?.close();
});

const PARAMS = ['SAMLRequest', 'RelayState', 'binding', 'grant_type', 'client_id', 'client_secret', 'code', 'redirect_uri', 'code_verifier', 'code_challenge', 'code_challenge_method', 'refresh_token', 'username', 'password', 'scope', 'token', 'token_type_hint', 'access_token', 'response_type', 'state', 'nonce', 'prompt', 'service', 'ticket', 'format', 'csrf', 'account', 'totp', 'challenge', 'recipient', 'url', 'id_token_hint', 'post_logout_redirect_uri', '__proto__'];
const GRANTS = ['password', 'authorization_code', 'refresh_token', 'client_credentials', 'http://authing.cn/oidc/grant_type/authing_token', 'urn:ietf:params:oauth:grant-type:device_code', 'implicit', ''];

const ENDPOINTS: Array<{ method: 'GET' | 'POST'; path: () => string; oauthErrors?: boolean; casV1?: boolean }> = [
  { method: 'POST', path: () => '/oidc/token', oauthErrors: true },
  { method: 'POST', path: () => '/oauth/token', oauthErrors: true },
  { method: 'POST', path: () => '/oidc/token/introspection', oauthErrors: true },
  { method: 'POST', path: () => '/oidc/token/revocation', oauthErrors: true },
  { method: 'GET', path: () => '/oidc/me' },
  { method: 'POST', path: () => '/oidc/me' },
  { method: 'GET', path: () => '/oidc/auth' },
  { method: 'POST', path: () => '/oidc/auth' },
  { method: 'GET', path: () => '/oidc/session/end' },
  { method: 'POST', path: () => '/oidc/session/end/confirm' },
  { method: 'GET', path: () => '/oidc/.well-known/openid-configuration' },
  { method: 'POST', path: () => `/oidc/interaction/${'x'.repeat(21)}/login` },
  { method: 'GET', path: () => `/cas-idp/${s.server.appId}/validate`, casV1: true },
  { method: 'GET', path: () => '/cas-idp/no-such-app/validate', casV1: true },
  { method: 'GET', path: () => `/cas-idp/${s.server.appId}/serviceValidate` },
  { method: 'GET', path: () => `/cas-idp/${s.server.appId}` },
  { method: 'POST', path: () => `/cas-idp/${s.server.appId}/login` },
  { method: 'POST', path: () => `/cas-idp/${s.server.appId}/mfa` },
  { method: 'GET', path: () => '/cas-idp/logout' },
  { method: 'GET', path: () => '/cas/session' },
  { method: 'GET', path: () => '/login/profile/logout' },
  { method: 'GET', path: () => `/api/v2/saml-idp/${s.server.appId}` },
  { method: 'POST', path: () => `/api/v2/saml-idp/${s.server.appId}` },
  { method: 'POST', path: () => `/api/v2/saml-idp/${s.server.appId}/login` },
  { method: 'GET', path: () => `/api/v2/saml-idp/${s.server.appId}/metadata` },
];

function value(r: Rand, name: string): string {
  if (name === 'grant_type' && r.chance(0.7)) return r.pick(GRANTS);
  // A real AuthnRequest (deflated for the Redirect binding, plain for POST), or bytes that only look like one.
  if (name === 'SAMLRequest' && r.chance(0.5)) return r.pick(samlRequests);
  return r.oneOf(
    [4, () => r.pick(known)],
    [4, () => r.pick(HOSTILE_STRINGS)],
    [2, () => r.text()],
    [1, () => r.pick(known) + r.pick(HOSTILE_STRINGS)],
    [1, () => 'a'.repeat(r.pick([1024, 20_000, 70_000]))],
  );
}

/** Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD, as a browser sends them). */
const pct = (v: string) => [...Buffer.from(v, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** A form or query of hostile parameters, sometimes with broken escapes left as they are. */
function encoded(r: Rand): string {
  const parts: string[] = [];
  for (let i = r.int(0, 6); i > 0; i--) {
    const name = r.pick(PARAMS);
    const v = value(r, name);
    parts.push(r.chance(0.1) ? `${name}=${r.pick(BAD_ESCAPES)}` : `${pct(name)}=${pct(v)}`);
    if (r.chance(0.05)) parts.push(`${pct(name)}=${pct(v)}`);
  }
  return parts.join('&');
}

describe('hostile input on the protocol endpoints', () => {
  it('reads an introspection body past the limit to its end, so the same keep-alive socket answers the next request (found by seed 156695409)', async () => {
    const big = await send(s.server.url, { method: 'POST', path: '/oidc/token/introspection', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${'a'.repeat(200_000)}` });
    expect(big.status).toBe(400);
    const next = await send(s.server.url, { method: 'GET', path: '/oidc/me' }, 3_000);
    expect(next.status).toBe(401);
  });

  it('answers every request within 2 s without a server error, in the protocol\'s shape, and a refusal writes nothing', async () => {
    const failures: string[] = [];
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const r = new Rand(g);
        const endpoint = r.pick(ENDPOINTS);
        const query = endpoint.method === 'GET' || r.chance(0.2) ? encoded(r) : '';
        const body = endpoint.method === 'POST' ? encoded(r) : undefined;
        const headers: Record<string, string> = { 'content-type': r.chance(0.85) ? 'application/x-www-form-urlencoded' : r.pick(CONTENT_TYPES) };
        if (r.chance(0.2)) headers.authorization = r.chance(0.5) ? `Bearer ${r.pick(known)}` : `Basic ${Buffer.from(`${s.server.appId}:${r.pick(known)}`).toString('base64')}`;
        if (r.chance(0.2)) headers.cookie = `authing_cas_session=${r.pick(known)}; authing_csrf=${r.pick(known)}`;
        const before = s.dbHash();
        const path = `${endpoint.path()}${query ? `?${query}` : ''}`;
        const answer = await send(s.server.url, { method: endpoint.method, path, headers, body }, 5_000).catch((error: unknown) => {
          failures.push(`no answer (${String(error)}): ${endpoint.method} ${path.slice(0, 300)} ${JSON.stringify(headers)} body ${String(body).slice(0, 300)}`);
          return undefined;
        });
        if (!answer) return;
        const where = `${endpoint.method} ${path.slice(0, 160)} → ${answer.status} ${answer.text.slice(0, 160)}`;
        if (answer.status >= 500) failures.push(`server error: ${where}`);
        if (answer.ms > 2_000) failures.push(`slow (${answer.ms} ms): ${where}`);
        if (answer.status >= 400) {
          refused++;
          if (endpoint.oauthErrors && answer.status !== 413 && answer.status !== 431) {
            const parsed = (() => {
              try {
                return JSON.parse(answer.text) as { error?: unknown };
              } catch {
                return undefined;
              }
            })();
            if (typeof parsed?.error !== 'string') failures.push(`not an OAuth error: ${where}`);
          }
          if (s.dbHash() !== before) failures.push(`refusal changed the database: ${where}`);
        }
        if (endpoint.casV1 && answer.status === 200 && answer.text !== 'no\n') failures.push(`CAS v1 said yes: ${where}`);
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(100);
    expect(s.log).toEqual([]);
  });
});
