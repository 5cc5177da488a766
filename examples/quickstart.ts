/**
 * The authing-ts quickstart: users, login, profile and the permission model, through the public
 * SDK only. `demo.ts` runs it against authing-local (or a real deployment, from the environment).
 */
import { AuthenticationClient, AuthingError, ManagementClient } from 'authing-ts';

export interface QuickstartConfig {
  host: string;
  userPoolId: string;
  secret: string;
  appId: string;
  appHost: string;
}

export async function quickstart(config: QuickstartConfig, print: (line: string) => void = console.log): Promise<void> {
  let step = 0;
  const say = (title: string, detail?: unknown) =>
    print(`${String(++step).padStart(2, ' ')}. ${title}${detail === undefined ? '' : `\n      ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`);

  const management = new ManagementClient({ userPoolId: config.userPoolId, secret: config.secret, host: config.host });
  const suffix = Date.now().toString(36);
  const username = `alice_${suffix}`;
  const password = 'correct horse battery staple';

  // Users
  const alice = await management.users.create({ username, password, nickname: 'Alice' });
  say(`Created user ${alice.username}`, { id: alice.id, password: alice.password });

  const auth = new AuthenticationClient({ appId: config.appId, appHost: config.appHost });
  const session = await auth.loginByUsername(username, password);
  say('Logged in through the AuthenticationClient', `token ${session.token?.slice(0, 24)}… expires ${session.tokenExpiredAt}`);

  const updated = await auth.updateProfile({ nickname: 'Alice Liddell', city: 'Oxford' });
  say('Updated the profile as Alice', { nickname: updated.nickname, city: updated.city });

  try {
    await auth.loginByUsername(`nobody_${suffix}`, password);
  } catch (error) {
    if (!(error instanceof AuthingError)) throw error;
    say('A login with an unknown username fails with a typed error', `${error.name} ${error.code}: ${error.message}`);
  }

  // Permissions
  const namespace = `library_${suffix}`;
  await management.acl.createNamespace(namespace, 'Library', 'Books and who may touch them');
  await management.acl.createResource({
    namespace,
    code: 'books',
    type: 'DATA',
    description: 'Every book in the library',
    actions: [
      { name: 'books:read', description: 'Read a book' },
      { name: 'books:edit', description: 'Edit a book' },
      { name: 'books:delete', description: 'Delete a book' },
    ],
  });
  say(`Created namespace ${namespace} with resource "books" (read, edit, delete)`);

  const readers = `readers_${suffix}`;
  await management.roles.create(readers, 'May read every book', undefined, namespace);
  await management.roles.addUsers(readers, [alice.id], namespace);
  await management.acl.authorizeResource({
    namespace,
    resource: 'books:*',
    opts: [{ targetType: 'ROLE', targetIdentifier: readers, actions: ['books:read'] }],
  });
  say(`Granted books:read on books:* to role ${readers}, and gave Alice the role`);

  await management.acl.allow(alice.id, 'books:42', 'books:edit', namespace);
  say('Granted Alice books:edit on books:42 directly');

  const check = async (resource: string, action: string) => {
    const allowed = await management.acl.isAllowed(alice.id, resource, action, { namespace });
    print(`      isAllowed(alice, ${resource}, ${action}) = ${allowed}`);
    return allowed;
  };
  say('Checks:');
  await check('books:7', 'books:read');
  await check('books:42', 'books:edit');
  await check('books:7', 'books:edit');
  await check('books:42', 'books:delete');

  const resources = await management.users.listAuthorizedResources(alice.id, namespace);
  say(`Alice's effective resources (${resources.totalCount})`, resources.list.map((r) => `${r.code} [${(r.actions ?? ['*']).join(', ')}]`).join('; '));

  await management.acl.revokeResource({ namespace, resource: 'books:42', opts: [{ targetType: 'USER', targetIdentifier: alice.id }] });
  say('Revoked Alice’s direct grant on books:42');
  await check('books:42', 'books:edit');
  await check('books:42', 'books:read');

  await management.users.delete(alice.id);
  await management.acl.deleteNamespace(namespace);
  say('Cleaned up: deleted the user and the namespace (its grants go with it)');
}
