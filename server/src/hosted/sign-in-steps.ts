import { randomBytes } from 'node:crypto';
import { accountIdentifier, loginSession } from '../services/authentication.js';
import type { ServiceContext } from '../services/context.js';
import { completeWithTotp, mfaChallengeFor, recordChallenge } from '../services/mfa-login.js';

/**
 * The steps every hosted sign-in takes, whatever page shows them (the OIDC interaction, the CAS and
 * SAML login): the same logins as the API's underneath (lockout, blocked users, the app's access
 * policy), and the TOTP step for a user or pool that asks for one. The services' errors
 * (AuthingServerError) pass through for the page to show.
 */

/** How long a sign-in's TOTP step may take, seconds. */
const MFA_STEP_TTL_S = 600;

/** The password step, `account` a username, email or phone: the user's id. */
export async function passwordStep(service: ServiceContext, appId: string, account: string, password: string, clientIp: string | null): Promise<string> {
  const by = await accountIdentifier(service, account);
  return (await loginSession(service, by, account, password, { appId, clientIp })).user.id;
}

/** After a first factor: the challenge the TOTP page carries when the user or pool asks for one, else null (signed in). */
export async function secondFactorChallenge(service: ServiceContext, appId: string, userId: string): Promise<string | null> {
  if (!(await mfaChallengeFor(service, { id: userId }))) return null;
  const jti = randomBytes(24).toString('base64url');
  await recordChallenge(service, { jti, userId, appId, exp: Math.floor(Date.now() / 1000) + MFA_STEP_TTL_S });
  return jti;
}

/**
 * The TOTP step of challenge `jti`: the signed-in user's id, or null when the challenge is no
 * challenge of this app (a forged or foreign form). A wrong code throws (and counts against it).
 */
export async function totpStep(service: ServiceContext, appId: string, jti: string, totp: string | null): Promise<string | null> {
  const row = await service.store.db.selectFrom('mfa_challenges').select(['user_id', 'app_id']).where('jti', '=', jti).where('userpool_id', '=', service.poolId).executeTakeFirst();
  if (!row || row.app_id !== appId) return null;
  return (await completeWithTotp(service, { jti, userId: row.user_id }, totp)).user.id;
}
