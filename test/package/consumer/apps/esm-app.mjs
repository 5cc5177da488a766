// A Node ESM app as a user writes it, run from the throw-away app where authing-ts and
// authing-local are installed from their tarballs. Prints one JSON line for the test to check.
import * as root from 'authing-ts';
import * as managementEntry from 'authing-ts/management';
import * as authenticationEntry from 'authing-ts/authentication';
import * as errorsEntry from 'authing-ts/errors';
import { AuthenticationClient, AuthingError, ManagementClient } from 'authing-ts';
import { startLocalAuthing } from 'authing-local';

const entries = {
  'authing-ts': root,
  'authing-ts/management': managementEntry,
  'authing-ts/authentication': authenticationEntry,
  'authing-ts/errors': errorsEntry,
};
const typeofEach = (ns) => Object.fromEntries(Object.keys(ns).sort().map((name) => [name, typeof ns[name]]));
const appRelative = (url) => new URL(url).pathname.replace(/^.*\/node_modules\//, 'node_modules/');

const server = await startLocalAuthing({ port: 0, db: ':memory:', log: () => undefined });
let outcome;
try {
  const management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
  const user = await management.users.create({ username: 'alice', password: 's3cret-passw0rd' });
  await management.acl.allow(user.id, 'books:42', 'books:edit', 'default');
  const allowed = await management.acl.isAllowed(user.id, 'books:42', 'books:edit', { namespace: 'default' });
  const deleteAllowed = await management.acl.isAllowed(user.id, 'books:42', 'books:delete', { namespace: 'default' });

  const auth = new AuthenticationClient({ appId: server.appId, appHost: server.url });
  const loggedIn = await auth.loginByUsername('alice', 's3cret-passw0rd');
  let failure;
  try {
    await auth.loginByUsername('alice', 'wrong password');
  } catch (e) {
    failure = e;
  }

  // The area classes are exported for instanceof checks (a missing one would throw here).
  const areaClass = (name, instance) => (typeof managementEntry[name] === 'function' ? instance instanceof managementEntry[name] : 'not exported');
  outcome = {
    resolved: Object.fromEntries(Object.keys(entries).map((s) => [s, appRelative(import.meta.resolve(s))])),
    exports: Object.fromEntries(Object.entries(entries).map(([s, ns]) => [s, typeofEach(ns)])),
    oneAuthingErrorClass: Object.values(entries).every((ns) => ns.AuthingError === AuthingError),
    areaClasses: {
      UsersClient: areaClass('UsersClient', management.users),
      RolesClient: areaClass('RolesClient', management.roles),
      GroupsClient: areaClass('GroupsClient', management.groups),
      OrgClient: areaClass('OrgClient', management.org),
      AclClient: areaClass('AclClient', management.acl),
    },
    createdUsername: user.username,
    allowed,
    deleteAllowed,
    loggedInUsername: loggedIn.username,
    gotToken: typeof loggedIn.token === 'string' && loggedIn.token.length > 0,
    wrongPassword: failure && {
      isAuthingError: failure instanceof AuthingError,
      isErrorsEntryAuthingError: failure instanceof errorsEntry.AuthingError,
      name: failure.name,
      code: failure.code,
      statusCode: failure.statusCode,
      message: failure.message,
    },
  };
} finally {
  await server.close();
}
console.log(JSON.stringify(outcome));
