import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/0001_initial.js';
import * as revokedTokens from './migrations/0002_revoked_tokens.js';
import * as userSessions from './migrations/0003_user_sessions.js';

/** Migrations live in code (no folder scan), so a bundled build carries them along. */
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_revoked_tokens': revokedTokens,
  '0003_user_sessions': userSessions,
};

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/** Brings the schema to the latest version; throws the first failure. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
