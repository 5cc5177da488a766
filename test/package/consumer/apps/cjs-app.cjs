// A Node CommonJS app as a user writes it: require() for every entry point of authing-ts, and
// import() for authing-local, which is ESM-only. Prints one JSON line for the test to check.
'use strict';
const path = require('node:path');
const root = require('authing-ts');
const managementEntry = require('authing-ts/management');
const authenticationEntry = require('authing-ts/authentication');
const errorsEntry = require('authing-ts/errors');
const { ManagementClient } = require('authing-ts/management');
const { AuthenticationClient } = require('authing-ts/authentication');
const { AuthingError } = require('authing-ts/errors');

const entries = {
  'authing-ts': root,
  'authing-ts/management': managementEntry,
  'authing-ts/authentication': authenticationEntry,
  'authing-ts/errors': errorsEntry,
};
const typeofEach = (ns) => Object.fromEntries(Object.keys(ns).sort().map((name) => [name, typeof ns[name]]));
const appRelative = (file) => file.split(path.sep).join('/').replace(/^.*\/node_modules\//, 'node_modules/');

async function main() {
  const { startLocalAuthing } = await import('authing-local');
  const server = await startLocalAuthing({ port: 0, db: ':memory:', log: () => undefined });
  try {
    const management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
    const user = await management.users.create({ username: 'bob', password: 's3cret-passw0rd' });
    await management.acl.allow(user.id, 'books:42', 'books:edit', 'default');
    const allowed = await management.acl.isAllowed(user.id, 'books:42', 'books:edit', { namespace: 'default' });

    const auth = new AuthenticationClient({ appId: server.appId, appHost: server.url });
    const loggedIn = await auth.loginByUsername('bob', 's3cret-passw0rd');
    let failure;
    try {
      await auth.loginByUsername('bob', 'wrong password');
    } catch (e) {
      failure = e;
    }
    // The area classes are exported for instanceof checks (a missing one would throw here).
    const areaClass = (name, instance) => (typeof managementEntry[name] === 'function' ? instance instanceof managementEntry[name] : 'not exported');
    return {
      resolved: Object.fromEntries(Object.keys(entries).map((s) => [s, appRelative(require.resolve(s))])),
      exports: Object.fromEntries(Object.entries(entries).map(([s, ns]) => [s, typeofEach(ns)])),
      oneAuthingErrorClass: Object.values(entries).every((ns) => ns.AuthingError === root.AuthingError),
      areaClasses: {
        UsersClient: areaClass('UsersClient', management.users),
        RolesClient: areaClass('RolesClient', management.roles),
        GroupsClient: areaClass('GroupsClient', management.groups),
        OrgClient: areaClass('OrgClient', management.org),
        AclClient: areaClass('AclClient', management.acl),
      },
      createdUsername: user.username,
      allowed,
      loggedInUsername: loggedIn.username,
      gotToken: typeof loggedIn.token === 'string' && loggedIn.token.length > 0,
      wrongPassword: failure && {
        isAuthingError: failure instanceof AuthingError,
        isRootAuthingError: failure instanceof root.AuthingError,
        name: failure.name,
        code: failure.code,
        statusCode: failure.statusCode,
        message: failure.message,
      },
    };
  } finally {
    await server.close();
  }
}

main().then(
  (outcome) => console.log(JSON.stringify(outcome)),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
