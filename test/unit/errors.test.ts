import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AuthingAbortError,
  AuthingApiError,
  AuthingAuthenticationError,
  AuthingConnectionError,
  AuthingError,
  AuthingPermissionError,
  AuthingRateLimitError,
  AuthingTimeoutError,
  AuthingValidationError,
  attachCallSite,
  toAuthingError,
} from '../../src/core/errors.js';
import { RETRY_MAX_DELAY } from '../../src/core/options.js';
import { REDACTED, redactUrl, summarizeRequest } from '../../src/core/redact.js';
import { parseRetryAfter, resolveRetry, retryDelay } from '../../src/core/retry.js';

const response = (code: number, statusCode: number) => toAuthingError({ kind: 'response', code, message: 'm', statusCode });

describe('toAuthingError', () => {
  it('chooses the class from the failure kind, HTTP status and business code', () => {
    expect(response(2004, 200)).toBeInstanceOf(AuthingApiError);
    expect(response(2020, 200)).toBeInstanceOf(AuthingAuthenticationError);
    expect(response(500, 401)).toBeInstanceOf(AuthingAuthenticationError);
    expect(response(403, 200)).toBeInstanceOf(AuthingPermissionError);
    expect(response(1, 403)).toBeInstanceOf(AuthingPermissionError);
    expect(response(2018, 200)).toBeInstanceOf(AuthingPermissionError);
    expect(response(2019, 200)).toBeInstanceOf(AuthingPermissionError);
    expect(response(400, 400)).toBeInstanceOf(AuthingValidationError);
    expect(response(429, 429)).toBeInstanceOf(AuthingRateLimitError);
    expect(toAuthingError({ kind: 'network', message: 'm' })).toBeInstanceOf(AuthingConnectionError);
    const timeout = toAuthingError({ kind: 'timeout', message: 'm' });
    expect(timeout).toBeInstanceOf(AuthingTimeoutError);
    expect(timeout).toBeInstanceOf(AuthingConnectionError);
    expect(toAuthingError({ kind: 'abort', message: 'm' })).toBeInstanceOf(AuthingAbortError);
    const invalid = toAuthingError({ kind: 'validation', argument: 'email', message: 'email is required' });
    expect(invalid).toMatchObject({ name: 'AuthingValidationError', argument: 'email', code: 400 });
    for (const error of [timeout, invalid]) expect(error).toBeInstanceOf(AuthingError);
  });

  it('keeps cause and response out of enumeration and JSON', () => {
    const raw = new Response('x', { status: 500 });
    const error = toAuthingError({ kind: 'response', code: 500, message: 'm', statusCode: 500, response: raw, cause: new Error('inner') });
    expect(error.response).toBe(raw);
    expect(error.cause).toBeInstanceOf(Error);
    expect(Object.keys(error)).not.toContain('response');
    expect(Object.keys(error)).not.toContain('cause');
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'AuthingApiError', code: 500, statusCode: 500 });
  });

  it('appends a call site without losing the original stack', () => {
    const error = toAuthingError({ kind: 'network', message: 'boom' });
    const original = error.stack;
    const callSite = new Error();
    callSite.stack = 'Error\n    at caller (app.ts:1:1)';
    attachCallSite(error, callSite);
    expect(error.stack).toBe(`${original}\n    --- called from ---\n    at caller (app.ts:1:1)`);
  });
});

describe('redaction', () => {
  it('masks credential headers, keeping the scheme, without touching the original', () => {
    const headers = new Headers({
      authorization: 'Bearer abc.def',
      'x-authing-app-secret': 's1',
      'x-authing-userpool-id': 'pool',
      cookie: 'sid=1',
    });
    const summary = summarizeRequest('POST', 'https://h.example/x', headers);
    expect(summary.headers).toEqual({
      authorization: `Bearer ${REDACTED}`,
      'x-authing-app-secret': REDACTED,
      'x-authing-userpool-id': 'pool',
      cookie: REDACTED,
    });
    expect(headers.get('authorization')).toBe('Bearer abc.def');
  });

  it('masks credential query parameters and URL userinfo', () => {
    const url = 'https://u:p@h.example/oidc/token?code=c1&client_secret=s&access_token=t&accessToken=t2&password=p&state=keep';
    const redacted = new URL(redactUrl(url));
    for (const name of ['code', 'client_secret', 'access_token', 'accessToken', 'password']) {
      expect(redacted.searchParams.get(name)).toBe(REDACTED);
    }
    expect(redacted.searchParams.get('state')).toBe('keep');
    expect(redacted.username).toBe('');
    expect(redactUrl('https://h.example/a?b=1')).toBe('https://h.example/a?b=1');
  });

  it('never lets a secret header value through (property)', () => {
    const secretName = fc.constantFrom('authorization', 'x-authing-secret', 'X-Authing-App-Secret', 'password', 'access_token', 'client_secret', 'code');
    const value = fc.stringMatching(/^[A-Za-z0-9._~+/-]{6,40}$/);
    fc.assert(
      fc.property(secretName, value, (name, secret) => {
        const summary = summarizeRequest('GET', `https://h.example/?${encodeURIComponent(name)}=${secret}`, new Headers({ [name]: `Bearer ${secret}` }));
        return !JSON.stringify(summary).includes(secret);
      }),
    );
  });
});

describe('retry policy', () => {
  it('fills defaults, clamps maxRetries and copies retryWhen', () => {
    const retryWhen = [500];
    const policy = resolveRetry({ maxRetries: 99, retryWhen });
    expect(policy.maxRetries).toBe(10);
    retryWhen.push(502);
    expect(policy.retryWhen).toEqual([500]);
    expect(resolveRetry(undefined)).toEqual({ maxRetries: 2, retryWhen: [429, 503] });
    expect(resolveRetry(false).maxRetries).toBe(0);
    expect(resolveRetry({ maxRetries: -3 }).maxRetries).toBe(0);
  });

  it('reads Retry-After in seconds or as a date', () => {
    const now = Date.UTC(2030, 0, 1);
    expect(parseRetryAfter('3', now)).toBe(3);
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('backs off exponentially with bounded jitter and a cap', () => {
    expect(retryDelay(1, undefined, () => 0)).toBe(500);
    expect(retryDelay(2, undefined, () => 0)).toBe(1000);
    expect(retryDelay(3, undefined, () => 1)).toBe(2250);
    expect(retryDelay(10, undefined, () => 1)).toBe(RETRY_MAX_DELAY);
    expect(retryDelay(1, 2)).toBe(2000);
    expect(retryDelay(1, RETRY_MAX_DELAY / 1000 + 1)).toBeUndefined();
  });
});
