/**
 * The README's example, kept here so that it is compiled (examples/tsconfig.json) and run
 * (test/integration/readme.test.ts); the README shows the region between the markers verbatim.
 */
import { AuthenticationClient, AuthingError, ManagementClient } from 'authing-ts';

export interface ReadmeConfig {
  userPoolId: string;
  secret: string;
  appId: string;
  host: string;
}

export async function readmeExample({ userPoolId, secret, appId, host }: ReadmeConfig) {
  // #region readme
  const management = new ManagementClient({ userPoolId, secret, host });
  const user = await management.users.create({ username: 'alice', password: 's3cret-passw0rd' });

  await management.acl.allow(user.id, 'books:42', 'books:edit', 'default');
  const allowed = await management.acl.isAllowed(user.id, 'books:42', 'books:edit', { namespace: 'default' }); // true

  const auth = new AuthenticationClient({ appId, appHost: host });
  let failure: AuthingError | undefined;
  try {
    await auth.loginByUsername('alice', 'wrong password');
  } catch (e) {
    if (e instanceof AuthingError) failure = e; // e.code 2333, e.message, e.statusCode, e.requestId
  }
  // #endregion readme
  return { user, allowed, failure };
}
