/**
 * The OIDC / OAuth 2.0 endpoint calls of the AuthenticationClient (token, userinfo,
 * introspection, revocation) and the local token check against the JWKS. Loaded on first use by
 * the client (`import()`), so apps that never call them do not download them. Fetch and WebCrypto
 * only (through `jose`): the same code runs in Node and in browsers. Each call's `@sends` names the
 * request it makes (with `protocol: 'oidc'`; `oauth` sends the same under `/oauth`), for
 * docs/coverage.md.
 */
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { AuthingError, toAuthingError } from '../../core/errors.js';
import type { RequestOptions } from '../../core/options.js';
import type { Transport } from '../../core/transport.js';
import { invalid, oneOf, requireId } from '../validate.js';
import type { Protocol, TokenEndPointAuthMethod } from './protocol-urls.js';


/** The token set an OIDC / OAuth 2.0 token endpoint answers, as it answers it. */
export interface TokenSet {
  access_token: string;
  token_type: string;
  /** Seconds the access token is valid for. */
  expires_in: number;
  /** With the `openid` scope. */
  id_token?: string;
  /** With `offline_access`, when the app allows the refresh_token grant. */
  refresh_token?: string;
  scope?: string;
}

/** The claims of the userinfo endpoint: `sub` and what the token's scopes release. */
export interface UserInfo {
  sub: string;
  name?: string;
  nickname?: string;
  given_name?: string;
  family_name?: string;
  preferred_username?: string;
  picture?: string;
  gender?: string;
  birthdate?: string;
  locale?: string;
  updated_at?: number;
  username?: string;
  email?: string;
  email_verified?: boolean;
  phone_number?: string;
  phone_number_verified?: boolean;
  address?: { formatted?: string; street_address?: string; locality?: string; region?: string; postal_code?: string; country?: string };
  [claim: string]: unknown;
}

/** The introspection answer (RFC 7662): `active` false for a token that is expired, revoked, unknown or not the app's. */
export interface TokenIntrospection {
  active: boolean;
  sub?: string;
  client_id?: string;
  scope?: string;
  token_type?: string;
  exp?: number;
  iat?: number;
  iss?: string;
  aud?: string | string[];
  jti?: string;
  [field: string]: unknown;
}

/** The claims of a token {@link validateToken} accepted. */
export interface TokenClaims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  iat?: number;
  jti?: string;
  nonce?: string;
  scope?: string;
  [claim: string]: unknown;
}

/** Where {@link getUserInfoByAccessToken} puts the token. */
export interface UserInfoOptions {
  /** Default `GET`. */
  method?: 'GET' | 'POST';
  /** Default `query` (`?access_token=`); `header` sends `Authorization: Bearer`; `body` (POST only) a form field. */
  tokenPlace?: 'query' | 'header' | 'body';
}

/** What the calls need of the client: its app, host, protocol and credentials. */
export interface ProtocolClient {
  readonly appId: string;
  readonly appHost: string;
  readonly protocol: Protocol;
  readonly redirectUri?: string | undefined;
  readonly secret?: string | undefined;
  readonly tokenEndPointAuthMethod: TokenEndPointAuthMethod;
  readonly introspectionEndPointAuthMethod: TokenEndPointAuthMethod;
  readonly revocationEndPointAuthMethod: TokenEndPointAuthMethod;
  /** The client's JWKS cache (filled by {@link validateToken}). */
  readonly keys: { set?: { keys: unknown[] }; fetchedAt?: number };
}

/** The provider's base URL: `{appHost}/oidc` or `{appHost}/oauth`. */
function providerUrl(c: ProtocolClient): string {
  if (c.protocol !== 'oidc' && c.protocol !== 'oauth') invalid('protocol', 'The token calls need the client protocol oidc or oauth');
  return `${c.appHost.replace(/\/+$/, '')}/${c.protocol}`;
}

interface Call {
  method: 'GET' | 'POST';
  url: string;
  form?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  /** Read the answer as text (CAS 1.0, CAS 2.0 XML) instead of JSON. */
  text?: boolean;
}

function formOf(fields: Record<string, string | undefined>): string {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.set(k, v);
  return form.toString();
}

/** One protocol request through the client's transport: the answer's JSON (or its text with `call.text`). */
async function send<T>(transport: Transport<unknown>, call: Call, idempotent: boolean, options?: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  let body: string | undefined;
  if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = formOf(call.form);
  }
  const answer = await transport.send({ method: call.method, url: call.url, headers, body }, idempotent, { ...options });
  if (call.text) return answer.text as T;
  if (answer.text !== '' && answer.json === undefined) throw toAuthingError({ kind: 'response', code: 500, statusCode: answer.status, message: 'The answer is not valid JSON' });
  return answer.json as T;
}

/** The client credentials of a form, the way `method` sends them: in the body, as Basic, or the id alone. */
function withClientAuth(c: ProtocolClient, method: TokenEndPointAuthMethod, form: Record<string, string | undefined>): Pick<Call, 'form' | 'headers'> {
  if (method === 'none') return { form: { ...form, client_id: c.appId } };
  if (!c.secret) invalid('secret', `The app secret is needed for ${method}: pass secret to the AuthenticationClient`);
  if (method === 'client_secret_post') return { form: { ...form, client_id: c.appId, client_secret: c.secret } };
  // RFC 6749 §2.3.1: each part form-encoded before joining.
  const basic = btoa(`${encodeURIComponent(c.appId)}:${encodeURIComponent(c.secret)}`);
  return { form, headers: { authorization: `Basic ${basic}` } };
}

function tokenCall(c: ProtocolClient, form: Record<string, string | undefined>): Call {
  return { method: 'POST', url: `${providerUrl(c)}/token`, ...withClientAuth(c, c.tokenEndPointAuthMethod, form) };
}

/**
 * @sends POST /oidc/token
 */
export function getAccessTokenByCode(transport: Transport<unknown>, c: ProtocolClient, code: string, opts: { codeVerifier?: string; redirectUri?: string } = {}, options?: RequestOptions): Promise<TokenSet> {
  requireId('code', code);
  const redirectUri = opts.redirectUri ?? c.redirectUri;
  if (!redirectUri) invalid('redirectUri', 'redirectUri is needed: pass it to the AuthenticationClient or to this call');
  return send(transport, tokenCall(c, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: opts.codeVerifier }), false, options);
}

/**
 * @sends POST /oidc/token
 */
export function getNewAccessTokenByRefreshToken(transport: Transport<unknown>, c: ProtocolClient, refreshToken: string, options?: RequestOptions): Promise<TokenSet> {
  requireId('refreshToken', refreshToken);
  return send(transport, tokenCall(c, { grant_type: 'refresh_token', refresh_token: refreshToken }), false, options);
}

/**
 * @sends POST /oidc/token
 */
export function getAccessTokenByClientCredentials(
  transport: Transport<unknown>,
  c: ProtocolClient,
  scope: string,
  credentials: { accessKey: string; accessSecret: string },
  options?: RequestOptions,
): Promise<TokenSet> {
  requireId('scope', scope);
  requireId('accessKey', credentials?.accessKey);
  requireId('accessSecret', credentials?.accessSecret);
  const form = { grant_type: 'client_credentials', scope, client_id: credentials.accessKey, client_secret: credentials.accessSecret };
  return send(transport, { method: 'POST', url: `${providerUrl(c)}/token`, form }, false, options);
}

/**
 * @sends POST /oidc/token
 */
export function getAccessTokenByIdToken(transport: Transport<unknown>, c: ProtocolClient, params: { idToken: string; redirectUri?: string; scope?: string }, options?: RequestOptions): Promise<TokenSet> {
  requireId('idToken', params?.idToken);
  const redirectUri = params.redirectUri ?? c.redirectUri;
  // As the official SDK sends it: the app id and the login token, which is the proof (no secret).
  const form = { client_id: c.appId, grant_type: 'http://authing.cn/oidc/grant_type/authing_token', token: params.idToken, scope: params.scope ?? 'openid profile', redirect_uri: redirectUri };
  return send(transport, { method: 'POST', url: `${providerUrl(c)}/token`, form }, false, options);
}

/**
 * @sends GET /oidc/me
 * @sends POST /oidc/me
 */
export function getUserInfoByAccessToken(transport: Transport<unknown>, c: ProtocolClient, accessToken: string, opts: UserInfoOptions = {}, options?: RequestOptions): Promise<UserInfo> {
  requireId('accessToken', accessToken);
  const { method = 'GET', tokenPlace = 'query' } = opts;
  oneOf('method', method, ['GET', 'POST'] as const);
  oneOf('tokenPlace', tokenPlace, ['query', 'header', 'body'] as const);
  if (method === 'GET' && tokenPlace === 'body') invalid('tokenPlace', 'A GET request has no body: use query or header');
  let url = `${providerUrl(c)}/me`;
  const call: Call = { method, url };
  if (tokenPlace === 'query') call.url = url += `?access_token=${encodeURIComponent(accessToken)}`;
  else if (tokenPlace === 'header') call.headers = { authorization: `Bearer ${accessToken}` };
  else call.form = { access_token: accessToken };
  return send(transport, call, method === 'GET', options);
}

/**
 * @sends POST /oidc/token/introspection
 */
export function introspectToken(transport: Transport<unknown>, c: ProtocolClient, token: string, options?: RequestOptions): Promise<TokenIntrospection> {
  requireId('token', token);
  const call: Call = { method: 'POST', url: `${providerUrl(c)}/token/introspection`, ...withClientAuth(c, c.introspectionEndPointAuthMethod, { token }) };
  return send(transport, call, true, options);
}

/**
 * @sends POST /oidc/token/revocation
 */
export async function revokeToken(transport: Transport<unknown>, c: ProtocolClient, token: string, options?: RequestOptions): Promise<true> {
  requireId('token', token);
  const call: Call = { method: 'POST', url: `${providerUrl(c)}/token/revocation`, ...withClientAuth(c, c.revocationEndPointAuthMethod, { token }) };
  await send(transport, call, true, options);
  return true;
}

/** Which token {@link validateToken} checks. */
export type ValidateTokenParams = { idToken: string; accessToken?: undefined } | { accessToken: string; idToken?: undefined };

/** The JWKS is fetched again for an unknown `kid` at most this often (ms). */
const JWKS_COOLDOWN_MS = 30_000;

async function fetchKeys(transport: Transport<unknown>, c: ProtocolClient, options?: RequestOptions): Promise<JSONWebKeySet> {
  const set = await send<JSONWebKeySet>(transport, { method: 'GET', url: `${providerUrl(c)}/.well-known/jwks.json` }, true, options);
  if (typeof set !== 'object' || set === null || !Array.isArray(set.keys)) throw toAuthingError({ kind: 'response', code: 500, message: 'The JWKS answer has no keys' });
  c.keys.set = set as { keys: unknown[] };
  c.keys.fetchedAt = Date.now();
  return set;
}

/**
 * Checks an id_token or access token locally: signature (RS256 against the provider's JWKS, or
 * HS256 with the app secret), issuer `{appHost}/{protocol}`, audience (the app id) and expiry.
 * The JWKS is fetched once and cached per client; a token signed by a key the cache does not hold
 * fetches it again (at most every 30 s), so key rotation is followed.
 * @sends GET /oidc/.well-known/jwks.json
 */
export async function validateToken(transport: Transport<unknown>, c: ProtocolClient, params: ValidateTokenParams, options?: RequestOptions): Promise<TokenClaims> {
  const token = params?.idToken ?? params?.accessToken;
  if (params?.idToken && params.accessToken) invalid('params', 'Pass idToken or accessToken, not both');
  requireId(params?.idToken ? 'idToken' : 'accessToken', token);
  const verifyOptions = { issuer: providerUrl(c), audience: c.appId };
  const rejected = (cause: unknown) =>
    toAuthingError({ kind: 'authentication', message: `The token is not valid: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch (cause) {
    throw rejected(cause);
  }
  try {
    if (alg === 'HS256') {
      if (!c.secret) invalid('secret', 'An HS256 token is checked with the app secret: pass secret to the AuthenticationClient');
      return (await jwtVerify(token, new TextEncoder().encode(c.secret), { ...verifyOptions, algorithms: ['HS256'] })).payload;
    }
    const set = (c.keys.set as JSONWebKeySet | undefined) ?? (await fetchKeys(transport, c, options));
    try {
      return (await jwtVerify(token, createLocalJWKSet(set), { ...verifyOptions, algorithms: ['RS256'] })).payload;
    } catch (error) {
      const unknownKey = error instanceof Error && (error as { code?: string }).code === 'ERR_JWKS_NO_MATCHING_KEY';
      if (!unknownKey || Date.now() - (c.keys.fetchedAt ?? 0) < JWKS_COOLDOWN_MS) throw error;
      return (await jwtVerify(token, createLocalJWKSet(await fetchKeys(transport, c, options)), { ...verifyOptions, algorithms: ['RS256'] })).payload;
    }
  } catch (error) {
    if (error instanceof AuthingError) throw error;
    throw rejected(error);
  }
}

/** CAS 1.0's answer, read: `valid`, and the user's name when it is. */
export interface CasV1Validation {
  valid: boolean;
  /** The CAS `user` (the username, else email, phone or id). */
  username?: string;
  /** Why not, when not valid. */
  message?: string;
}

/** CAS 2.0's JSON answer: success with the user and attributes (the OIDC claims), or failure with a code. */
export type CasV2Validation =
  | { serviceResponse: { authenticationSuccess: { user: string; attributes: Record<string, unknown> } } }
  | { serviceResponse: { authenticationFailure: { code: 'INVALID_REQUEST' | 'INVALID_TICKET' | 'INVALID_SERVICE' | (string & {}); description: string } } };

/** The browser's single sign-on session (`trackSession`), as Authing answers it. */
export interface SsoSessionInfo {
  session: { _id: string; cookie: { originalMaxAge: number; expires: string; secure: boolean; httpOnly: boolean; path: string; sameSite: string; appId: string; type: string; userId: string } };
  userInfo: Record<string, unknown> & { id: string };
}

const casUrl = (c: ProtocolClient, path: string, query: Record<string, string>) =>
  `${c.appHost.replace(/\/+$/, '')}/cas-idp/${encodeURIComponent(c.appId)}/${path}?${new URLSearchParams(query).toString()}`;

/**
 * @sends GET /cas-idp/{appId}/validate
 */
export async function validateTicketV1(transport: Transport<unknown>, c: ProtocolClient, ticket: string, service: string, options?: RequestOptions): Promise<CasV1Validation> {
  requireId('ticket', ticket);
  requireId('service', service);
  const text = await send<string>(transport, { method: 'GET', url: casUrl(c, 'validate', { service, ticket }), text: true, headers: { accept: 'text/plain' } }, true, options);
  const [answer, username] = text.split('\n');
  return answer === 'yes' && username ? { valid: true, username } : { valid: false, message: 'The ticket is not valid for this service' };
}

/**
 * @sends GET /cas-idp/{appId}/serviceValidate
 */
export function validateTicketV2(transport: Transport<unknown>, c: ProtocolClient, ticket: string, service: string, format: 'XML' | 'JSON', options?: RequestOptions): Promise<CasV2Validation | string> {
  requireId('ticket', ticket);
  requireId('service', service);
  oneOf('format', format, ['XML', 'JSON'] as const);
  const url = casUrl(c, 'serviceValidate', { service, ticket, format });
  return format === 'XML' ? send<string>(transport, { method: 'GET', url, text: true, headers: { accept: 'application/xml' } }, true, options) : send<CasV2Validation>(transport, { method: 'GET', url }, true, options);
}

/**
 * @sends GET /cas/session
 */
export async function trackSession(transport: Transport<unknown>, c: ProtocolClient, options?: RequestOptions): Promise<SsoSessionInfo | null> {
  return (await send<SsoSessionInfo | null | undefined>(transport, { method: 'GET', url: `${c.appHost.replace(/\/+$/, '')}/cas/session` }, true, options)) ?? null;
}
