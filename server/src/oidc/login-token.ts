import { verifyPoolToken, type ServerState } from '../context.js';

/** Authing's grant that turns a login token (`loginByUsername`'s `token`) into OIDC tokens (`getAccessTokenByIdToken`). */
export const AUTHING_TOKEN_GRANT = 'http://authing.cn/oidc/grant_type/authing_token';

/**
 * The user a login token stands for, when it may be exchanged at this client: a live user token
 * (not logged out, user neither blocked nor deleted) of the client's pool, issued for this app or
 * for none. Asked twice: by the mount, to let the grant through client authentication (the token is
 * the proof; the official SDK sends no secret), and by the grant itself.
 */
export async function loginTokenUser(state: ServerState, token: string, clientId: string): Promise<string | null> {
  try {
    const { claims } = await verifyPoolToken(state, token);
    if (claims.kind !== 'user') return null;
    const app = await state.store.db.selectFrom('applications').select('userpool_id').where('id', '=', clientId).executeTakeFirst();
    if (!app || app.userpool_id !== claims.userPoolId || (claims.appId !== null && claims.appId !== clientId)) return null;
    return claims.userId;
  } catch {
    return null;
  }
}
