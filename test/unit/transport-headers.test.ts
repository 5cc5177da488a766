import { describe, expect, it } from 'vitest';
import { SDK_VERSION } from '../../src/core/options.js';
import { Transport } from '../../src/core/transport.js';
import { AuthingValidationError } from '../../src/core/errors.js';
import type { paths } from './fixtures/paths.js';
import { bodyOf, json, observedFetch, PingQuery, thrownBy, UserQuery } from './helpers.js';

const userAnswer = () => json({ data: { user: { id: 'u1', username: 'alice' } } });

describe('Transport headers', () => {
  it('sends every Authing header on GraphQL calls, with the token from getToken', async () => {
    const { fetch, sent } = observedFetch(userAnswer);
    const transport = new Transport({
      host: 'https://pool.example.com/',
      userPoolId: 'pool-1',
      appId: 'app-1',
      tenantId: 'tenant-1',
      lang: 'en-US',
      fetch,
      getToken: async () => 'tok-1',
    });
    await transport.graphql(UserQuery, { id: 'u1' });
    const [request] = sent;
    expect(request?.url).toBe('https://pool.example.com/graphql/v2');
    expect(request?.method).toBe('POST');
    const h = request?.headers;
    expect(h?.get('x-authing-userpool-id')).toBe('pool-1');
    expect(h?.get('x-authing-app-id')).toBe('app-1');
    expect(h?.get('x-authing-app-tenant-id')).toBe('tenant-1');
    expect(h?.get('x-authing-request-from')).toBe('sdk');
    expect(h?.get('x-authing-sdk-version')).toBe(`js:${SDK_VERSION}`);
    expect(h?.get('x-authing-lang')).toBe('en-US');
    expect(h?.get('authorization')).toBe('Bearer tok-1');
    expect(h?.get('content-type')).toContain('application/json');
    expect(bodyOf(request)).toMatchObject({ variables: { id: 'u1' } });
    expect(String(bodyOf(request).query)).toContain('user(id: $id)');
  });

  it('drops unset and empty headers, and uses defaults for lang and request-from', async () => {
    const { fetch, sent } = observedFetch(userAnswer);
    const transport = new Transport({ host: 'https://h.example', userPoolId: '', fetch, headers: { 'x-custom': '' } });
    await transport.graphql(UserQuery, { id: 'u1' });
    const h = sent[0]?.headers;
    expect(h?.has('x-authing-userpool-id')).toBe(false);
    expect(h?.has('x-authing-app-id')).toBe(false);
    expect(h?.has('x-authing-app-tenant-id')).toBe(false);
    expect(h?.has('authorization')).toBe(false);
    expect(h?.has('x-custom')).toBe(false);
    expect(h?.get('x-authing-lang')).toBe('zh-CN');
    expect(h?.get('x-authing-request-from')).toBe('sdk');
  });

  it('honours requestFrom, client headers, per-call headers (which win) and auth: false', async () => {
    const { fetch, sent } = observedFetch(userAnswer);
    const transport = new Transport({
      host: 'https://h.example',
      fetch,
      requestFrom: 'guard',
      headers: { 'X-Trace': 'client', 'X-Authing-Lang': '' },
      getToken: async () => 'tok',
    });
    await transport.graphql(UserQuery, { id: 'u1' }, { headers: { 'x-trace': 'call' }, auth: false });
    const h = sent[0]?.headers;
    expect(h?.get('x-authing-request-from')).toBe('guard');
    expect(h?.get('x-trace')).toBe('call');
    expect(h?.has('x-authing-lang')).toBe(false);
    expect(h?.has('authorization')).toBe(false);
  });

  it('uses a per-call token instead of getToken', async () => {
    const { fetch, sent } = observedFetch(userAnswer);
    let asked = 0;
    const transport = new Transport({ fetch, getToken: async () => `tok-${++asked}` });
    await transport.graphql(UserQuery, { id: 'u1' }, { token: 'mfa-token' });
    expect(sent[0]?.headers.get('authorization')).toBe('Bearer mfa-token');
    expect(asked).toBe(0);
  });

  it('sends the same headers on REST calls', async () => {
    const { fetch, sent } = observedFetch(() => json({ code: 200, message: 'ok', data: true }));
    const transport = new Transport<paths>({ host: 'https://h.example', userPoolId: 'pool-1', fetch, getToken: async () => 't' });
    await transport.rest.GET('/api/v2/ping');
    expect(sent[0]?.url).toBe('https://h.example/api/v2/ping');
    expect(sent[0]?.method).toBe('GET');
    expect(sent[0]?.headers.get('x-authing-userpool-id')).toBe('pool-1');
    expect(sent[0]?.headers.get('authorization')).toBe('Bearer t');
  });

  it('keeps two transports independent and does not change the options object', async () => {
    const a = observedFetch(userAnswer);
    const b = observedFetch(userAnswer);
    const optionsA = Object.freeze({ host: 'https://a.example', userPoolId: 'pool-a', fetch: a.fetch, headers: Object.freeze({ 'x-k': 'a' }) });
    const snapshot = JSON.stringify(optionsA);
    const first = new Transport(optionsA);
    const second = new Transport({ host: 'https://b.example/', userPoolId: 'pool-b', fetch: b.fetch, headers: { 'x-k': 'b' } });
    await second.graphql(PingQuery);
    await first.graphql(UserQuery, { id: 'u1' });
    expect(a.sent[0]?.url).toBe('https://a.example/graphql/v2');
    expect(a.sent[0]?.headers.get('x-authing-userpool-id')).toBe('pool-a');
    expect(a.sent[0]?.headers.get('x-k')).toBe('a');
    expect(b.sent[0]?.url).toBe('https://b.example/graphql/v2');
    expect(b.sent[0]?.headers.get('x-authing-userpool-id')).toBe('pool-b');
    expect(JSON.stringify(optionsA)).toBe(snapshot);
  });

  it('rejects a host that is not an absolute http(s) URL', () => {
    expect(() => new Transport({ host: 'core.authing.cn' })).toThrow(AuthingValidationError);
    const error = thrownBy(() => new Transport({ host: 'ftp://x' }));
    expect(error).toBeInstanceOf(AuthingValidationError);
    expect(error).toMatchObject({ argument: 'host', code: 400, message: 'host must be an absolute http(s) URL' });
  });
});
