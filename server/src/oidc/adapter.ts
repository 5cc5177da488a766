import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/tables.js';
import type { JtiReader } from './jwt-values.js';

/** Models whose rows name a grant: revoking the grant (logout, a revoked refresh token) ends them all. */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** Models whose token value is a signed JWT carrying the stored id as `jti` (oidc/jwt-values.ts). */
const JWT_VALUED = new Set(['AccessToken', 'ClientCredentials']);

const now = (): number => Math.floor(Date.now() / 1000);

/**
 * oidc-provider's storage in the `oidc_models` table, so sessions, codes and tokens survive a
 * restart and every process on the database sees them. Expired rows read as absent and are swept
 * on writes; a consumed row keeps `consumed` so a replayed code is recognised (and its grant revoked
 * by the provider).
 */
export function sqlAdapter(db: Kysely<Database>, jtiOf: JtiReader): new (model: string) => Adapter {
  let sinceSweep = 0;
  async function sweep(): Promise<void> {
    if (++sinceSweep < 200) return;
    sinceSweep = 0;
    await db.deleteFrom('oidc_models').where('expires_at', '<', now()).execute();
  }
  const read = (row: { payload: string; expires_at: number | null; consumed_at: number | null } | undefined): AdapterPayload | undefined => {
    if (!row || (row.expires_at !== null && row.expires_at <= now())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
  };
  return class SqlAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const row = {
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grant_id: GRANTABLE.has(this.model) ? (payload.grantId ?? null) : null,
        uid: payload.uid ?? null,
        user_code: payload.userCode ?? null,
        expires_at: expiresIn ? now() + expiresIn : null,
        consumed_at: null,
      };
      await db
        .insertInto('oidc_models')
        .values(row)
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet({ payload: row.payload, grant_id: row.grant_id, uid: row.uid, user_code: row.user_code, expires_at: row.expires_at }))
        .execute();
      await sweep();
    }

    async find(value: string): Promise<AdapterPayload | undefined> {
      const id = JWT_VALUED.has(this.model) && value.includes('.') ? await jtiOf(value) : value;
      if (!id) return undefined;
      return read(await db.selectFrom('oidc_models').select(['payload', 'expires_at', 'consumed_at']).where('model', '=', this.model).where('id', '=', id).executeTakeFirst());
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return read(await db.selectFrom('oidc_models').select(['payload', 'expires_at', 'consumed_at']).where('model', '=', this.model).where('uid', '=', uid).executeTakeFirst());
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return read(await db.selectFrom('oidc_models').select(['payload', 'expires_at', 'consumed_at']).where('model', '=', this.model).where('user_code', '=', userCode).executeTakeFirst());
    }

    async consume(id: string): Promise<void> {
      await db.updateTable('oidc_models').set({ consumed_at: now() }).where('model', '=', this.model).where('id', '=', id).execute();
    }

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('oidc_models').where('model', '=', this.model).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oidc_models').where('grant_id', '=', grantId).execute();
    }
  };
}
