import { describe, expectTypeOf, it } from 'vitest';
import type { TypedDocument } from '../../src/core/graphql.js';
import type { TokenQueryRunner } from '../../src/core/token-provider.js';
import { Transport } from '../../src/core/transport.js';
import { AccessTokenDocument, type AccessTokenQuery } from '../../src/generated/graphql.js';
import type { components as generated, paths as generatedPaths } from '../../src/generated/openapi.js';
import type { components, paths } from '../unit/fixtures/paths.js';

// The shapes graphql-codegen emits: `Exact<{ [key: string]: never }>` for no variables.
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
declare const UserQuery: TypedDocument<{ user: { id: string } | null }, Exact<{ id: string; withCustomData?: boolean | null }>>;
declare const PingQuery: TypedDocument<{ ping: boolean }, Exact<{ [key: string]: never }>>;
declare const ListQuery: TypedDocument<{ users: string[] }, Exact<{ page?: number | null; limit?: number | null }>>;

const transport = new Transport<paths>();

describe('Transport.graphql variables', () => {
  it('requires variables when the operation declares a required one', () => {
    expectTypeOf(transport.graphql(UserQuery, { id: 'u1' })).resolves.toEqualTypeOf<{ user: { id: string } | null }>();
    transport.graphql(UserQuery, { id: 'u1', withCustomData: true }, { timeout: 5, signal: AbortSignal.timeout(5) });
    // @ts-expect-error variables are required
    transport.graphql(UserQuery);
    // @ts-expect-error `id` is required
    transport.graphql(UserQuery, {});
    // @ts-expect-error `id` is a string
    transport.graphql(UserQuery, { id: 1 });
    // @ts-expect-error unknown option
    transport.graphql(UserQuery, { id: 'u1' }, { timeout: 'soon' });
  });

  it('makes variables optional when the operation has none or only optional ones', () => {
    expectTypeOf(transport.graphql(PingQuery)).resolves.toEqualTypeOf<{ ping: boolean }>();
    transport.graphql(PingQuery, undefined, { auth: false });
    transport.graphql(ListQuery);
    transport.graphql(ListQuery, { page: 2 });
    // @ts-expect-error `page` is a number
    transport.graphql(ListQuery, { page: '2' });
  });

  it('accepts the generated documents', () => {
    expectTypeOf(transport.graphql(AccessTokenDocument, { userPoolId: 'p', secret: 's' })).resolves.toEqualTypeOf<AccessTokenQuery>();
    // @ts-expect-error `secret` is required
    transport.graphql(AccessTokenDocument, { userPoolId: 'p' });
    expectTypeOf(transport).toMatchTypeOf<TokenQueryRunner>();
  });
});

describe('Transport.rest', () => {
  it('types params, body and the unwrapped data from paths', () => {
    expectTypeOf(transport.rest.GET('/api/v2/ping')).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(transport.rest.GET('/api/v2/users/{userId}', { params: { path: { userId: 'u' } } })).resolves.toEqualTypeOf<{ id: string }>();
    expectTypeOf(transport.rest.GET('/api/v2/resources/detail', { params: { query: { id: 'r' } } })).resolves.toEqualTypeOf<
      components['schemas']['Resource'] | undefined
    >();
    expectTypeOf(transport.rest.POST('/api/v2/resources', { body: { code: 'c' } }, { timeout: 1 })).resolves.toEqualTypeOf<
      components['schemas']['Resource']
    >();
    expectTypeOf(transport.restEnvelope.GET('/api/v2/ping')).resolves.toEqualTypeOf<{ code: number; message: string; data: boolean }>();
    transport.rest.GET('/api/v2/ping', undefined, { headers: { 'x-a': 'b' } });
  });

  it('rejects wrong paths, methods and missing required params or body', () => {
    // @ts-expect-error params.query.id is required
    transport.rest.GET('/api/v2/resources/detail');
    // @ts-expect-error path param is required
    transport.rest.GET('/api/v2/users/{userId}', { params: {} });
    // @ts-expect-error body is required
    transport.rest.POST('/api/v2/resources');
    // @ts-expect-error no GET on this path
    transport.rest.GET('/api/v2/resources');
    // @ts-expect-error unknown path
    transport.rest.GET('/api/v2/nope');
  });

  it('works over the generated paths', () => {
    const real = new Transport<generatedPaths>();
    expectTypeOf(real.rest.GET('/api/v2/.well-known')).resolves.toEqualTypeOf<generated['schemas']['WellKnown']>();
  });
});
