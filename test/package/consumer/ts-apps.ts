/**
 * TypeScript consumer apps, written into the throw-away app and type-checked there with `tsc -p`.
 * They are strings, not files of this repository, so that the repository's own `tsc` (which
 * includes test/ and maps `authing-ts` to src/) never compiles them: here only the installed
 * declaration files count. Each uses the public API with real types, and each has a
 * `@ts-expect-error` on a wrong argument, which fails (as an unused directive) if the types
 * ever degrade to `any`.
 */

const strictNoEmit = { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', forceConsistentCasingInFileNames: true };

/** Node: `module`/`moduleResolution` node16, no DOM lib (a server app), @types/node. */
const node16 = {
  'tsconfig.node16.json': JSON.stringify(
    { compilerOptions: { ...strictNoEmit, module: 'node16', moduleResolution: 'node16', lib: ['es2022'], types: ['node'] }, include: ['ts-node16'] },
    null,
    2,
  ),

  // ESM (.mts): the import condition, so dist/*.d.ts.
  'ts-node16/server.mts': `import { AuthenticationClient, AuthingError, ManagementClient, type Paginated } from 'authing-ts';
import { UsersClient, type CreateUserOptions, type User } from 'authing-ts/management';
import type { LoggedInUser } from 'authing-ts/authentication';
import { AuthingApiError, AuthingError as ErrorsEntryAuthingError, SDK_ERROR_CODE } from 'authing-ts/errors';
import { startLocalAuthing, type LocalAuthing } from 'authing-local';

// One class whichever entry it is imported from.
const sameClass: typeof AuthingError = ErrorsEntryAuthingError;

export async function firstPage(management: ManagementClient): Promise<Paginated<User>> {
  const page: Paginated<User> = await management.users.list();
  const users: UsersClient = management.users;
  const options: CreateUserOptions = { keepPassword: true };
  void users;
  void options;
  return page;
}

export async function logIn(auth: AuthenticationClient, username: string, password: string): Promise<LoggedInUser | number> {
  try {
    const user: LoggedInUser = await auth.loginByUsername(username, password);
    const token: string | null | undefined = user.token;
    void token;
    return user;
  } catch (e) {
    if (e instanceof AuthingApiError) return e.code; // 2333: wrong password
    if (e instanceof sameClass && e.code === SDK_ERROR_CODE.connection) return e.code;
    throw e;
  }
}

export async function main(): Promise<void> {
  const server: LocalAuthing = await startLocalAuthing({ port: 0, db: ':memory:' });
  const management = new ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
  const allowed: boolean = await management.acl.isAllowed('user-id', 'books:42', 'books:edit', { namespace: 'default' });
  void allowed;
  // @ts-expect-error the page number is a number
  await management.users.list('1');
  await server.close();
}
`,

  // CommonJS (.cts): the require condition, so dist/*.d.cts.
  'ts-node16/worker.cts': `import { ManagementClient, type User } from 'authing-ts/management';
import type { Paginated } from 'authing-ts';
import { AuthenticationClient } from 'authing-ts/authentication';
import errors = require('authing-ts/errors');

export async function usernames(management: ManagementClient): Promise<string[]> {
  const page: Paginated<User> = await management.users.list(1, 50);
  return page.list.map((user) => user.username ?? user.id);
}

export async function isWrongPassword(auth: AuthenticationClient, username: string, password: string): Promise<boolean> {
  try {
    await auth.loginByUsername(username, password);
    return false;
  } catch (e) {
    return e instanceof errors.AuthingError && e.code === 2333;
  }
}

export const auth = new AuthenticationClient({ appId: 'APP_ID', appHost: 'https://example.authing.cn' });
// @ts-expect-error appHost is required
export const incomplete = new AuthenticationClient({ appId: 'APP_ID' });
`,
};

/** A browser app: `module` esnext, `moduleResolution` bundler, DOM lib, no Node types. */
const bundler = {
  'tsconfig.bundler.json': JSON.stringify(
    {
      compilerOptions: { ...strictNoEmit, module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom', 'dom.iterable'], types: [] },
      include: ['ts-bundler'],
    },
    null,
    2,
  ),

  'ts-bundler/login.ts': `import { AuthenticationClient, AuthingError, type CurrentUser, type LoggedInUser } from 'authing-ts/authentication';
import type { User } from 'authing-ts';

const auth = new AuthenticationClient({ appId: 'APP_ID', appHost: location.origin, timeout: 5_000 });

export async function signIn(form: HTMLFormElement): Promise<LoggedInUser | string> {
  const data = new FormData(form);
  try {
    return await auth.loginByUsername(String(data.get('username')), String(data.get('password')));
  } catch (e) {
    if (e instanceof AuthingError) return \`\${e.code}: \${e.message}\`;
    throw e;
  }
}

export async function whoAmI(): Promise<CurrentUser | null> {
  const user = await auth.getCurrentUser();
  const asUser: User | null = user;
  void asUser;
  return user;
}

// @ts-expect-error the password is a string
void auth.loginByUsername('alice', 42);
`,
};

export const TS_APPS = { node16, bundler } as const;
export type TsAppName = keyof typeof TS_APPS;
