import type { PoolKeys, ServerState } from './context.js';
import type { Store } from './storage/store.js';

/**
 * Server-wide state over the store: pool keys by id or by application, and the logout list.
 * Pool keys are cached for the process lifetime because a pool's keys never change.
 */
export function createServerState(
  store: Store,
  issuer: string,
  log: (e: unknown) => void,
  info: (line: string) => void = () => undefined,
): ServerState & { setIssuer(url: string): void } {
  const pools = new Map<string, PoolKeys>();
  const state = {
    store,
    issuer,
    log,
    info,
    setIssuer(url: string) {
      state.issuer = url;
    },
    async findPool(id: string): Promise<PoolKeys | null> {
      const cached = pools.get(id);
      if (cached) return cached;
      const row = await store.db
        .selectFrom('userpools')
        .select(['id', 'secret', 'jwt_secret', 'rsa_public_pem', 'rsa_private_pem'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      const keys: PoolKeys = {
        id: row.id,
        secret: row.secret,
        jwtSecret: row.jwt_secret,
        publicKey: row.rsa_public_pem,
        privateKey: row.rsa_private_pem,
      };
      pools.set(id, keys);
      return keys;
    },
    async findAppPool(appId: string): Promise<PoolKeys | null> {
      const app = await store.db.selectFrom('applications').select('userpool_id').where('id', '=', appId).executeTakeFirst();
      return app ? state.findPool(app.userpool_id) : null;
    },
    async defaultPool(): Promise<PoolKeys | null> {
      const first = await store.db.selectFrom('userpools').select('id').orderBy('created_at').limit(1).executeTakeFirst();
      return first ? state.findPool(first.id) : null;
    },
    async isRevoked(jti: string): Promise<boolean> {
      const row = await store.db.selectFrom('revoked_tokens').select('jti').where('jti', '=', jti).executeTakeFirst();
      return row !== undefined;
    },
    async revoke(jti: string, userPoolId: string, exp: number): Promise<void> {
      const now = Math.floor(Date.now() / 1000);
      await store.db.transaction().execute(async (tx) => {
        // Expired tokens are refused on their own; their rows are only clutter.
        await tx.deleteFrom('revoked_tokens').where('exp', '<', now).execute();
        await tx
          .insertInto('revoked_tokens')
          .values({ jti, userpool_id: userPoolId, exp })
          .onConflict((oc) => oc.column('jti').doNothing())
          .execute();
      });
    },
  };
  return state;
}
