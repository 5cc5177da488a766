import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { newId, newSecret, nowIso } from './ids.js';
import type { Store, Tx } from './store.js';
import type { FactChange } from '../engine/types.js';
import { policyFactOf } from './fact-rows.js';
import type { Kysely } from 'kysely';
import type { Database, PoliciesTable } from './tables.js';

const generateRsaKeyPair = promisify(generateKeyPair);

/** A pool's RSA key pair, PEM-encoded (SPKI public, PKCS#8 private). */
export interface PoolKeyPair {
  publicKey: string;
  privateKey: string;
}

/**
 * A new pool key pair (RSA 2048), made on libuv's thread pool rather than the event loop: it takes
 * 50-200 ms, which at start-up overlaps the migrations and building the app (see
 * startLocalAuthing) and later does not stall other requests.
 */
export function generatePoolKeyPair(): Promise<PoolKeyPair> {
  return generateRsaKeyPair('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/** Credentials of one user pool and its first application. */
export interface PoolCredentials {
  userPoolId: string;
  secret: string;
  appId: string;
  appSecret: string;
  publicKey: string;
}

/**
 * Creates a user pool with everything a fresh Authing pool has: an RSA key pair (for password
 * encryption), a JWT secret, the `default` namespace with the built-in `AdministratorAccess`
 * policy, and one application with its own namespace.
 */
export async function createUserPool(store: Store, name: string, keys: Promise<PoolKeyPair> = generatePoolKeyPair()): Promise<PoolCredentials> {
  // Made before the write, as nothing slow may run inside one.
  const pair = await keys;
  return store.write((tx, changes) => insertUserPool(tx, changes, name, pair));
}

/**
 * The first pool of the database, created unless one exists when the write runs: several
 * processes starting at once on one empty PostgreSQL database (writes are serialized there, see
 * Store) end up serving the same pool, not one each.
 */
export async function createFirstPool(store: Store, keys: Promise<PoolKeyPair> = generatePoolKeyPair()): Promise<PoolCredentials> {
  const pair = await keys;
  return store.write(async (tx, changes) => (await findDefaultPoolIn(tx)) ?? insertUserPool(tx, changes, 'Default user pool', pair));
}

async function insertUserPool(tx: Tx, changes: FactChange[], name: string, { publicKey, privateKey }: PoolKeyPair): Promise<PoolCredentials> {
  const now = nowIso();
  const userPoolId = newId();
  const secret = newSecret();
  await tx
    .insertInto('userpools')
    .values({
      id: userPoolId,
      name,
      secret,
      jwt_secret: randomBytes(32).toString('hex'),
      rsa_public_pem: publicKey,
      rsa_private_pem: privateKey,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const ns = await tx
    .insertInto('namespaces')
    .values({ userpool_id: userPoolId, code: 'default', name: '默认权限分组', description: null, status: 1, app_id: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertBuiltInPolicies(tx, changes, userPoolId, ns.id);
  const app = await insertApplication(tx, changes, userPoolId, 'Default App', true);
  return { userPoolId, secret, appId: app.id, appSecret: app.secret, publicKey };
}

/**
 * The built-in policies of a pool's `default` namespace: `AdministratorAccess` (every action on
 * every resource), as Authing's pools have it. `isDefault`: listings leave it out unless
 * `excludeDefault: false`, and it can be assigned but neither updated nor deleted (3603).
 */
async function insertBuiltInPolicies(tx: Tx, changes: FactChange[], userPoolId: string, namespaceId: number): Promise<void> {
  const now = nowIso();
  const row: PoliciesTable = {
    id: newId(),
    userpool_id: userPoolId,
    namespace_id: namespaceId,
    code: 'AdministratorAccess',
    description: '管理员权限：所有资源的所有操作',
    statements: JSON.stringify([{ resource: '*', actions: ['*'], effect: 'ALLOW', condition: [] }]),
    is_default: 1,
    is_auto: 0,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('policies').values(row).execute();
  changes.push({ table: 'policies', op: 'put', row: policyFactOf(row) });
}

/** Inserts an application, its namespace (code = app id) and its default-strategy fact. */
export async function insertApplication(
  tx: Tx,
  changes: FactChange[],
  userPoolId: string,
  name: string,
  isDefault: boolean,
): Promise<{ id: string; secret: string }> {
  const now = nowIso();
  const id = newId();
  const secret = newSecret();
  await tx
    .insertInto('applications')
    .values({
      id,
      userpool_id: userPoolId,
      name,
      identifier: `app-${id.slice(-8)}`,
      secret,
      description: null,
      logo: null,
      redirect_uris: '[]',
      default_strategy: 'ALLOW_ALL',
      permission_enabled: 0,
      is_default: isDefault ? 1 : 0,
      app_type: 'INDIVIDUAL',
      oidc_config: '{}',
      saml_config: '{}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await tx
    .insertInto('namespaces')
    .values({ userpool_id: userPoolId, code: id, name, description: null, status: 1, app_id: id, created_at: now, updated_at: now })
    .execute();
  changes.push({ table: 'appStrategies', op: 'put', row: { appId: id, defaultStrategy: 'ALLOW_ALL' } });
  return { id, secret };
}

/** On an empty database creates the first pool; otherwise returns the first pool's credentials. */
export async function ensureDefaultPool(store: Store): Promise<PoolCredentials> {
  return (await findDefaultPool(store)) ?? createFirstPool(store);
}

/** The first pool's credentials (its default application's); null on an empty database. */
export function findDefaultPool(store: Store): Promise<PoolCredentials | null> {
  return findDefaultPoolIn(store.db);
}

async function findDefaultPoolIn(db: Kysely<Database>): Promise<PoolCredentials | null> {
  const pool = await db
    .selectFrom('userpools')
    .select(['id', 'secret', 'rsa_public_pem'])
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!pool) return null;
  const app = await db
    .selectFrom('applications')
    .select(['id', 'secret'])
    .where('userpool_id', '=', pool.id)
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { userPoolId: pool.id, secret: pool.secret, appId: app.id, appSecret: app.secret, publicKey: pool.rsa_public_pem };
}
