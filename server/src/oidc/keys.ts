import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import { nowIso } from '../storage/ids.js';
import type { Database } from '../storage/tables.js';

/** A private signing JWK of the provider, with its `kid`, `alg` and `use`. */
export type SigningJwk = JWK & { kid: string; alg: 'RS256'; use: 'sig' };

/**
 * The provider's signing keys, newest first. The first start makes an RS256 key and stores it, so a
 * restart (or another process on the same database) signs and verifies with the same key. Two
 * processes starting at once may each make one; both stay valid, listed in the JWKS.
 */
export async function loadSigningKeys(db: Kysely<Database>): Promise<SigningJwk[]> {
  const rows = await db.selectFrom('oidc_keys').select('jwk').orderBy('created_at', 'desc').execute();
  if (rows.length > 0) return rows.map((r) => JSON.parse(r.jwk) as SigningJwk);
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = crypto.randomUUID();
  const key: SigningJwk = { ...jwk, kid, alg: 'RS256', use: 'sig' };
  await db.insertInto('oidc_keys').values({ kid, jwk: JSON.stringify(key), created_at: nowIso() }).execute();
  return [key];
}
