import { describe, expect, it } from 'vitest';
import { AuthingApiError, AuthingAuthenticationError, AuthingPermissionError } from '../../src/core/errors.js';
import { Transport } from '../../src/core/transport.js';
import type { paths } from './fixtures/paths.js';
import { bodyOf, json, observedFetch, rejection } from './helpers.js';

function transportAnswering(answer: () => Response) {
  const observed = observedFetch(answer);
  return { ...observed, transport: new Transport<paths>({ host: 'https://h.example/', fetch: observed.fetch, retry: false }) };
}

describe('Transport.rest', () => {
  it('builds the URL from path and query params and returns the envelope data', async () => {
    const { transport, sent } = transportAnswering(() => json({ code: 200, message: 'ok', data: { id: 'u1' } }));
    const user = await transport.rest.GET('/api/v2/users/{userId}', { params: { path: { userId: 'u 1' }, query: { with_custom_data: true } } });
    expect(user).toEqual({ id: 'u1' });
    expect(sent[0]?.url).toBe('https://h.example/api/v2/users/u%201?with_custom_data=true');
  });

  it('sends a JSON body for POST', async () => {
    const { transport, sent } = transportAnswering(() => json({ code: 200, message: 'ok', data: { code: 'doc' } }));
    const created = await transport.rest.POST('/api/v2/resources', { body: { code: 'doc', description: 'd' } });
    expect(created).toEqual({ code: 'doc' });
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.headers.get('content-type')).toBe('application/json');
    expect(bodyOf(sent[0])).toEqual({ code: 'doc', description: 'd' });
  });

  it('returns the whole envelope from restEnvelope', async () => {
    const { transport } = transportAnswering(() => json({ code: 200, message: 'ok', data: true }));
    await expect(transport.restEnvelope.GET('/api/v2/ping')).resolves.toEqual({ code: 200, message: 'ok', data: true });
  });

  it('fails on a business code other than 200 even with HTTP 200', async () => {
    const { transport } = transportAnswering(() =>
      json({ code: 2004, message: 'User does not exist', data: { hint: 1 } }, { headers: { 'x-authing-request-id': 'r-9' } }),
    );
    const error = await rejection(transport.rest.GET('/api/v2/users/{userId}', { params: { path: { userId: 'nope' } } }));
    expect(error).toBeInstanceOf(AuthingApiError);
    expect(error).toMatchObject({ code: 2004, message: 'User does not exist', statusCode: 200, requestId: 'r-9', data: { hint: 1 } });
    expect(error.request).toMatchObject({ method: 'GET', url: 'https://h.example/api/v2/users/nope' });
  });

  it('reads the v3 envelope: statusCode 200 is success, else apiCode is the code', async () => {
    const ok = transportAnswering(() => json({ statusCode: 200, message: 'ok', data: { success: true } }));
    await expect(ok.transport.rest.GET('/api/v2/ping')).resolves.toEqual({ success: true });
    const refused = transportAnswering(() => json({ statusCode: 400, apiCode: 2004, message: 'User does not exist' }));
    const error = await rejection(refused.transport.rest.GET('/api/v2/ping'));
    expect(error).toBeInstanceOf(AuthingApiError);
    expect(error).toMatchObject({ code: 2004, message: 'User does not exist', statusCode: 200 });
    const unauthorized = transportAnswering(() => json({ statusCode: 401, apiCode: 2020, message: 'Not logged in' }, { status: 401 }));
    expect(await rejection(unauthorized.transport.rest.GET('/api/v2/ping'))).toBeInstanceOf(AuthingAuthenticationError);
  });

  it('uses the envelope of an HTTP error, and the HTTP status when the body is not JSON', async () => {
    const unauthorized = transportAnswering(() => json({ code: 2020, message: 'Not logged in', data: null }, { status: 401 }));
    const error = await rejection(unauthorized.transport.rest.GET('/api/v2/ping'));
    expect(error).toBeInstanceOf(AuthingAuthenticationError);
    expect(error).toMatchObject({ code: 2020, message: 'Not logged in', statusCode: 401 });
    expect(error.data).toBeUndefined();

    const gateway = transportAnswering(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const second = await rejection(gateway.transport.rest.GET('/api/v2/ping'));
    expect(second).toBeInstanceOf(AuthingApiError);
    expect(second).toMatchObject({ code: 502, statusCode: 502, message: 'HTTP 502 Bad Gateway' });

    const forbidden = transportAnswering(() => new Response('no', { status: 403 }));
    expect(await rejection(forbidden.transport.rest.GET('/api/v2/ping'))).toBeInstanceOf(AuthingPermissionError);
  });

  it('maps a 2xx body that is not JSON', async () => {
    const { transport } = transportAnswering(() => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const error = await rejection(transport.rest.GET('/api/v2/ping'));
    expect(error).toMatchObject({ name: 'AuthingApiError', code: 500, statusCode: 200, message: 'The answer is not valid JSON' });
  });
});
