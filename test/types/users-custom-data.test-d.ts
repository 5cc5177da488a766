import { describe, expectTypeOf, it } from 'vitest';
import {
  ManagementClient,
  type CustomData,
  type Paginated,
  type User,
  type UserDetail,
  type UserDetailWithCustomData,
  type UserWithCustomData,
  type UserWithIdentities,
  type UserWithIdentitiesAndCustomData,
} from '../../src/index.js';

declare const management: ManagementClient;

describe('users with custom data', () => {
  it('types each read by withCustomData', () => {
    expectTypeOf(management.users.detail('u', { withCustomData: true })).resolves.toEqualTypeOf<UserDetailWithCustomData | null>();
    expectTypeOf(management.users.detail('u', { withCustomData: false })).resolves.toEqualTypeOf<UserDetail | null>();
    expectTypeOf(management.users.list(1, 10, { withCustomData: true, sortBy: 'UPDATEDAT_DESC' })).resolves.toEqualTypeOf<Paginated<UserWithIdentitiesAndCustomData>>();
    expectTypeOf(management.users.list(undefined, undefined, { withCustomData: true })).resolves.toEqualTypeOf<Paginated<UserWithIdentitiesAndCustomData>>();
    expectTypeOf(management.users.list()).resolves.toEqualTypeOf<Paginated<UserWithIdentities>>();
    expectTypeOf(management.users.iterate({ withCustomData: true, pageSize: 10 })).toEqualTypeOf<AsyncGenerator<UserWithIdentitiesAndCustomData, void, undefined>>();
    expectTypeOf(management.users.iterate()).toEqualTypeOf<AsyncGenerator<UserWithIdentities, void, undefined>>();
    expectTypeOf(management.users.find({ email: 'a@b.c', withCustomData: true })).resolves.toEqualTypeOf<UserWithCustomData | null>();
    expectTypeOf(management.users.find({ email: 'a@b.c' })).resolves.toEqualTypeOf<User | null>();
    expectTypeOf(management.users.search('a', { withCustomData: true })).resolves.toEqualTypeOf<Paginated<UserWithCustomData>>();
    expectTypeOf(management.users.search('a')).resolves.toEqualTypeOf<Paginated<User>>();
    expectTypeOf(management.users.iterateSearch('a', { withCustomData: true, deadline: 1000 })).toEqualTypeOf<AsyncGenerator<UserWithCustomData, void, undefined>>();
    expectTypeOf(management.users.iterateSearch('a', { fields: ['email'] })).toEqualTypeOf<AsyncGenerator<User, void, undefined>>();
    expectTypeOf(management.users.batch(['u'], { withCustomData: true })).resolves.toEqualTypeOf<UserDetailWithCustomData[]>();
    expectTypeOf(management.users.batch(['u'], { queryField: 'email' })).resolves.toEqualTypeOf<UserDetail[]>();
    expectTypeOf<UserDetailWithCustomData['customData']>().toEqualTypeOf<CustomData>();
    expectTypeOf<UserWithIdentitiesAndCustomData['customData']>().toEqualTypeOf<CustomData>();
  });

  it('types create with custom data', () => {
    expectTypeOf(management.users.create({ username: 'a' }, { customData: { school: 'MIT' } })).resolves.toEqualTypeOf<UserWithCustomData>();
    expectTypeOf(management.users.create({ username: 'a' }, { keepPassword: true })).resolves.toEqualTypeOf<User>();
    // @ts-expect-error withCustomData is a boolean
    management.users.find({ email: 'a@b.c', withCustomData: 'yes' });
    // @ts-expect-error page and limit belong to search, not to its iterator
    management.users.iterateSearch('a', { page: 2 });
  });
});
