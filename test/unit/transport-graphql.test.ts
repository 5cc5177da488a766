import { describe, expect, it } from 'vitest';
import {
  AuthingApiError,
  AuthingAuthenticationError,
  AuthingError,
  AuthingPermissionError,
  AuthingRateLimitError,
  AuthingValidationError,
} from '../../src/core/errors.js';
import { Transport } from '../../src/core/transport.js';
import { json, LoginMutation, observedFetch, PingQuery, rejection, UserQuery } from './helpers.js';

const PASSWORD = 'hunter2-very-secret';

function transportAnswering(answer: () => Response) {
  const observed = observedFetch(answer);
  return { ...observed, transport: new Transport({ host: 'https://h.example', fetch: observed.fetch, retry: false }) };
}

describe('Transport.graphql', () => {
  it('returns data', async () => {
    const { transport } = transportAnswering(() => json({ data: { user: { id: 'u1', username: 'alice' } } }));
    await expect(transport.graphql(UserQuery, { id: 'u1' })).resolves.toEqual({ user: { id: 'u1', username: 'alice' } });
  });

  it('sends an operation without variables', async () => {
    const { transport, sent } = transportAnswering(() => json({ data: { ping: true } }));
    await expect(transport.graphql(PingQuery)).resolves.toEqual({ ping: true });
    expect(sent).toHaveLength(1);
  });

  it("maps Authing's error objects to AuthingApiError, keeping every error and partial data", async () => {
    const { transport } = transportAnswering(() =>
      json(
        {
          data: { loginByEmail: null },
          errors: [
            { message: { code: 2004, message: 'User does not exist' }, path: ['loginByEmail'] },
            { message: { code: 1635, message: 'MFA required', data: { mfaToken: 'm' } } },
          ],
        },
        { headers: { 'x-request-id': 'req-42' } },
      ),
    );
    const error = await rejection(transport.graphql(LoginMutation, { input: { email: 'a@b.c', password: PASSWORD } }));
    expect(error).toBeInstanceOf(AuthingApiError);
    expect(error).toMatchObject({ name: 'AuthingApiError', code: 2004, message: 'User does not exist', statusCode: 200, requestId: 'req-42' });
    expect(error.errors).toEqual([
      { code: 2004, message: 'User does not exist', path: ['loginByEmail'] },
      { code: 1635, message: 'MFA required', data: { mfaToken: 'm' } },
    ]);
    expect(error.partialData).toEqual({ loginByEmail: null });
    expect(error.response?.status).toBe(200);
    expect(Object.keys(error)).not.toContain('response');
    for (const text of [error.message, String(error.stack), JSON.stringify(error)]) expect(text).not.toContain(PASSWORD);
  });

  it('chooses the class from the business code and HTTP status', async () => {
    const cases: Array<[Response, new (...args: never[]) => AuthingError, number]> = [
      [json({ errors: [{ message: { code: 2020, message: 'Not logged in' } }] }), AuthingAuthenticationError, 2020],
      [json({ errors: [{ message: { code: 403, message: 'Forbidden' } }] }), AuthingPermissionError, 403],
      [json({ errors: [{ message: { code: 400, message: 'Bad input' } }] }), AuthingValidationError, 400],
      [json({ code: 2020, message: 'Not logged in', data: null }, { status: 401 }), AuthingAuthenticationError, 2020],
      [json({ message: 'slow down' }, { status: 429, headers: { 'retry-after': '7' } }), AuthingRateLimitError, 429],
    ];
    for (const [response, type, code] of cases) {
      const { transport } = transportAnswering(() => response);
      const error = await rejection(transport.graphql(UserQuery, { id: 'u1' }));
      expect(error).toBeInstanceOf(type);
      expect(error.code).toBe(code);
    }
    const { transport } = transportAnswering(() => new Response('busy', { status: 429, headers: { 'retry-after': '7' } }));
    const limited = await rejection(transport.graphql(UserQuery, { id: 'u1' }));
    expect(limited).toBeInstanceOf(AuthingRateLimitError);
    expect(limited).toMatchObject({ retryAfter: 7, statusCode: 429 });
  });

  it('maps a non-JSON 502 to AuthingApiError with statusCode 502', async () => {
    const { transport } = transportAnswering(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = await rejection(transport.graphql(LoginMutation, { input: { email: 'a@b.c', password: PASSWORD } }));
    expect(error).toBeInstanceOf(AuthingApiError);
    expect(error).toMatchObject({ code: 502, statusCode: 502, message: 'HTTP 502 from the GraphQL endpoint' });
    expect(JSON.stringify(error)).not.toContain(PASSWORD);
  });

  it('maps GraphQL errors sent with a non-2xx status', async () => {
    const { transport } = transportAnswering(() => json({ errors: [{ message: { code: 2004, message: 'User does not exist' } }] }, { status: 500 }));
    const error = await rejection(transport.graphql(UserQuery, { id: 'u1' }));
    expect(error).toMatchObject({ name: 'AuthingApiError', code: 2004, statusCode: 500 });
  });

  it('maps a 2xx body that is not JSON, and one with neither data nor errors', async () => {
    const html = transportAnswering(() => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const error = await rejection(html.transport.graphql(UserQuery, { id: 'u1' }));
    expect(error).toMatchObject({ name: 'AuthingApiError', code: 500, statusCode: 200 });
    const empty = transportAnswering(() => json({}));
    const second = await rejection(empty.transport.graphql(UserQuery, { id: 'u1' }));
    expect(second).toMatchObject({ code: 500, message: 'The GraphQL answer has neither data nor errors' });
  });

  it('keeps standard GraphQL error strings but drops quoted variable values', async () => {
    const { transport } = transportAnswering(() =>
      json(
        { errors: [{ message: `Variable "$input" got invalid value { password: "${PASSWORD}" }; Field "email" is required.` }] },
        { status: 400 },
      ),
    );
    const error = await rejection(transport.graphql(LoginMutation, { input: { email: '', password: PASSWORD } }));
    expect(error).toBeInstanceOf(AuthingValidationError);
    expect(error.message).toBe('Variable "$input" got an invalid value');
    expect(JSON.stringify(error)).not.toContain(PASSWORD);
  });
});
