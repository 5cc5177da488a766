/**
 * Managing users with authing-ts: create, look up, search, page through, end sessions, archive.
 * Compiled by examples/tsconfig.json and run against authing-local by
 * test/integration/users-example.test.ts.
 */
import { ManagementClient } from 'authing-ts';

export interface UsersExampleConfig {
  userPoolId: string;
  secret: string;
  host: string;
  /** Prefix of the example's usernames, so that a shared pool keeps its own users apart. */
  prefix?: string;
}

export async function usersExample({ userPoolId, secret, host, prefix = 'team' }: UsersExampleConfig) {
  const management = new ManagementClient({ userPoolId, secret, host });

  // Create three users; one of them in a group.
  const create = (name: string) => management.users.create({ username: `${prefix}_${name}`, email: `${prefix}_${name}@example.com`, password: 's3cret-passw0rd' });
  const ada = await create('ada');
  const grace = await create('grace');
  const linus = await create('linus');
  await management.groups.create(`${prefix}_staff`, 'Staff');
  await management.users.addGroup(grace.id, `${prefix}_staff`);

  // Look up: by an identifier, by several ids, by a text search (optionally within a group).
  const found = await management.users.find({ email: `${prefix}_ada@example.com` });
  const batch = await management.users.batch([linus.id, ada.id]);
  const search = await management.users.search(prefix, { fields: ['username'] });
  const staff = await management.users.search(prefix, { groupOpts: [{ code: `${prefix}_staff` }] });

  // Page through every match, newest first, one small page at a time.
  const iterated: string[] = [];
  for await (const user of management.users.iterateSearch(prefix, { fields: ['username'], pageSize: 2 })) iterated.push(user.username ?? '');

  // Sessions: a fresh token for Ada, then end all of her sessions.
  const { token } = await management.users.refreshToken(ada.id);
  const before = await management.users.checkLoginStatus(ada.id);
  await management.users.kick([ada.id]);
  const after = await management.users.checkLoginStatus(ada.id);

  // Deleting archives: the user is gone from the pool and listed among archived users.
  await management.users.delete(linus.id);
  const detail = await management.users.detail(linus.id); // null
  const archived = [];
  for await (const user of management.users.iterateArchived()) if (user.username?.startsWith(prefix)) archived.push(user.username);

  return {
    found: found?.username,
    batch: batch.map((u) => u.username),
    searchTotal: search.totalCount,
    staff: staff.list.map((u) => u.username),
    iterated,
    hadToken: typeof token === 'string',
    loggedInBefore: before.isLogin,
    loggedInAfter: after.isLogin,
    detail,
    archived,
  };
}
