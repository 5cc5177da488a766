/**
 * What the HTTP benches share: the BUILT authing-ts (a snapshot of dist/, loaded through package.json
 * exports; under tsx a bare `authing-ts` import would map to src/ through tsconfig paths), one
 * in-process authing-local, and a user granted actions on resources in a `bench` namespace.
 */
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLocalAuthing, type LocalAuthing } from 'authing-local';
import { createConsumerDir, exportTarget, type ConsumerDir } from '../../scripts/size/package.js';

export type BuiltSdk = typeof import('authing-ts');
export type BuiltManagementClient = InstanceType<BuiltSdk['ManagementClient']>;

/** The built package's main entry, imported from a consumer directory's snapshot of dist/. */
export async function loadBuiltSdk(consumer: ConsumerDir): Promise<{ sdk: BuiltSdk; file: string }> {
  const file = exportTarget('.', ['node', 'import'], consumer.packageRoot);
  return { sdk: (await import(pathToFileURL(file).href)) as BuiltSdk, file: `authing-ts/${relative(consumer.packageRoot, file)}` };
}

export const NAMESPACE = 'bench';

/** The checks every side runs, cycled by call index: allowed directly, through a role, and denied. */
export const CHECKS = [
  { resource: 'books:1', action: 'books:edit', expected: true },
  { resource: 'books:7', action: 'books:read', expected: true },
  { resource: 'books:7', action: 'books:edit', expected: false },
  { resource: 'shelves:1', action: 'books:read', expected: false },
] as const;

export const checkAt = (i: number) => CHECKS[i % CHECKS.length] as (typeof CHECKS)[number];

export interface BenchWorld {
  server: LocalAuthing;
  sdk: BuiltSdk;
  sdkFile: string;
  userId: string;
  /** A client with a token already fetched. */
  management: BuiltManagementClient;
  close(): Promise<void>;
}

export async function startBenchWorld(): Promise<BenchWorld> {
  const consumer = createConsumerDir();
  let server: LocalAuthing | undefined;
  try {
    const { sdk, file } = await loadBuiltSdk(consumer);
    server = await startLocalAuthing({ port: 0, db: ':memory:', log: () => undefined });
    const management = new sdk.ManagementClient({ userPoolId: server.userPoolId, secret: server.secret, host: server.url });
    const user = await management.users.create({ username: `bench_${Date.now()}`, password: 'bench-password' });
    await management.acl.createNamespace(NAMESPACE, 'Bench');
    await management.roles.create('bench-readers', 'readers', undefined, NAMESPACE);
    await management.roles.addUsers('bench-readers', [user.id], NAMESPACE);
    await management.acl.authorizeResource({
      namespace: NAMESPACE,
      resource: 'books:*',
      opts: [{ targetType: 'ROLE', targetIdentifier: 'bench-readers', actions: ['books:read'] }],
    });
    await management.acl.allow(user.id, 'books:1', 'books:edit', NAMESPACE);
    const running = server;
    const close = async () => {
      try {
        await running.close();
      } finally {
        consumer.dispose();
      }
    };
    return { server, sdk, sdkFile: file, userId: user.id, management, close };
  } catch (error) {
    await server?.close();
    consumer.dispose();
    throw error;
  }
}
