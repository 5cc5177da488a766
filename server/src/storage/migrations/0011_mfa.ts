import type { Kysely } from 'kysely';

/**
 * Multi-factor authentication (services/mfa.ts):
 * - `mfa_authenticators`: one TOTP authenticator per user (`type` 'totp'), its secret encrypted at
 *   rest, pending until confirmed (`enabled` 0), the hash of its recovery code, and the last time
 *   step a code was accepted for (a code is good once). Management `mfa.getStatus`,
 *   `unAssociateMfa` and `importTotp` read and write the same rows.
 * - `mfa_challenges`: the mfaTokens issued by logins that need a second factor (by `jti`), until
 *   their expiry; `used_at` is set when a step completes the login, so a token completes one login,
 *   and `attempts` counts wrong codes (the token is spent after five).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = 'text';
  await db.schema
    .createTable('mfa_authenticators')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('secret_enc', text, (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recovery_code_hash', text, (c) => c.notNull())
    .addColumn('last_step', 'integer')
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mfa_authenticators_user').unique().on('mfa_authenticators').columns(['userpool_id', 'user_id', 'type']).execute();

  await db.schema
    .createTable('mfa_challenges')
    .addColumn('jti', text, (c) => c.primaryKey())
    .addColumn('userpool_id', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('app_id', text)
    // Seconds since the epoch.
    .addColumn('exp', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_at', 'integer')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mfa_challenges').execute();
  await db.schema.dropTable('mfa_authenticators').execute();
}
