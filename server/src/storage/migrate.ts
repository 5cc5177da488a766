import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/0001_initial.js';
import * as revokedTokens from './migrations/0002_revoked_tokens.js';
import * as userSessions from './migrations/0003_user_sessions.js';
import * as usersArchiveSessions from './migrations/0004_users_archive_sessions.js';
import * as customData from './migrations/0005_custom_data.js';
import * as orgTenant from './migrations/0006_org_tenant.js';
import * as policies from './migrations/0007_policies.js';
import * as authFlows from './migrations/0008_auth_flows.js';
import * as passwordFlows from './migrations/0009_password_flows.js';
import * as uploads from './migrations/0010_uploads.js';
import * as mfa from './migrations/0011_mfa.js';
import * as qrcodes from './migrations/0012_qrcodes.js';
import * as whitelist from './migrations/0013_whitelist.js';
import * as principalAuthentications from './migrations/0014_principal_authentications.js';
import * as applications from './migrations/0016_applications.js';
import * as audit from './migrations/0017_audit.js';
import * as userpoolEnv from './migrations/0018_userpool_env.js';
import * as tenants from './migrations/0020_tenants.js';
import * as extIdps from './migrations/0021_ext_idps.js';
import * as protocols from './migrations/0022_protocols.js';
import * as saml from './migrations/0023_saml.js';
import * as seqIndexes from './migrations/0024_seq_indexes.js';
import * as changeFeed from './migrations/0025_change_feed.js';

/** Migrations live in code (no folder scan), so a bundled build carries them along. */
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_revoked_tokens': revokedTokens,
  '0003_user_sessions': userSessions,
  '0004_users_archive_sessions': usersArchiveSessions,
  '0005_custom_data': customData,
  '0006_org_tenant': orgTenant,
  '0007_policies': policies,
  '0008_auth_flows': authFlows,
  '0009_password_flows': passwordFlows,
  '0010_uploads': uploads,
  '0011_mfa': mfa,
  '0012_qrcodes': qrcodes,
  '0013_whitelist': whitelist,
  '0014_principal_authentications': principalAuthentications,
  '0016_applications': applications,
  '0017_audit': audit,
  '0018_userpool_env': userpoolEnv,
  '0020_tenants': tenants,
  '0021_ext_idps': extIdps,
  '0022_protocols': protocols,
  '0023_saml': saml,
  '0024_seq_indexes': seqIndexes,
  '0025_change_feed': changeFeed,
};

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/** Brings the schema to the latest version; throws the first failure. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  // Kysely looks for its bookkeeping tables in any schema unless told which: on PostgreSQL it is
  // the connection's own (postgres.ts puts `?schema=` first on the search_path).
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
