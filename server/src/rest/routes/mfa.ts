import { mfaCaller, mfaChallengeCaller, type MfaCaller } from '../../auth/mfa-gate.js';
import type { RequestContext } from '../../context.js';
import { withToken } from '../../graphql/resolvers/authentication.js';
import { ServiceErrors } from '../../services/errors.js';
import * as mfa from '../../services/mfa.js';
import * as login from '../../services/mfa-login.js';
import type { Session } from '../../services/sessions.js';
import { Reply } from '../router.js';
import { routes } from '../typed.js';

/**
 * The end user's MFA (`/api/v2/mfa/*`, `/api/v2/applications/mfa/*`). Binding calls serve a
 * logged-in user, or the holder of an mfaToken when the application enables OTP (binding during a
 * login; removing a factor needs the user token); the calls that complete a
 * login need the mfaToken of a 1635 / 1636 answer and answer the user with a new token, recorded
 * like every login's.
 */

const message = (rc: RequestContext, zh: string, en: string) => (rc.lang === 'en-US' ? en : zh);

/** `SELF` from the personal center, `APPLICATION` during a login (the SDKs' `source`). */
const sourceOf = (caller: MfaCaller, given: string | null | undefined) => given?.trim() || (caller.kind === 'mfa' ? 'APPLICATION' : 'SELF');

/** The app the completed login is for: the one the mfaToken was issued for. */
const loggedIn = (rc: RequestContext, session: Session, appId: string | null) => withToken(rc, session, appId);

export const mfaRoutes = routes({
  async getMfaAuthenticators({ query }, rc) {
    const caller = await mfaCaller(rc);
    return mfa.listAuthenticators(caller.service, caller.userId, query.type ?? mfa.TOTP);
  },

  async associateMfaAuthenticator({ body }, rc) {
    const caller = await mfaCaller(rc);
    const type = body?.authenticator_type ?? body?.authenticatorType ?? mfa.TOTP;
    if (type.toLowerCase() !== mfa.TOTP) throw ServiceErrors.mfaMethodDisabled(type);
    if (caller.kind === 'mfa') await login.requirePolicy(caller.service, 'OTP');
    return mfa.associateTotp(caller.service, caller.userId, sourceOf(caller, body?.source));
  },

  async deleteMfaAuthenticator(_input, rc) {
    const user = await rc.user();
    await mfa.deleteTotp(user.service, user.userId);
    return new Reply(null, message(rc, 'TOTP MFA 解绑成功', 'The TOTP authenticator was removed'));
  },

  async confirmAssociateMfaAuthenticator({ body }, rc) {
    const caller = await mfaCaller(rc);
    if (caller.kind === 'mfa') await login.requirePolicy(caller.service, 'OTP');
    await mfa.confirmTotp(caller.service, caller.userId, body?.totp);
    return new Reply(null, message(rc, 'TOTP MFA 绑定成功', 'The TOTP authenticator is bound'));
  },

  async verifyTotpMfa({ body }, rc) {
    const c = await mfaChallengeCaller(rc);
    return loggedIn(rc, await login.completeWithTotp(c.service, c, body?.totp), c.appId);
  },

  async verifyTotpRecoveryCode({ body }, rc) {
    const c = await mfaChallengeCaller(rc);
    const { session, recoveryCode } = await login.completeWithRecoveryCode(c.service, c, body?.recoveryCode);
    return { ...(await loggedIn(rc, session, c.appId)), recoveryCode };
  },

  async verifyAppSmsMfa({ body }, rc) {
    const c = await mfaChallengeCaller(rc);
    return loggedIn(rc, await login.completeWithSms(c.service, c, body.phone, body.code), c.appId);
  },

  async verifyAppEmailMfa({ body }, rc) {
    const c = await mfaChallengeCaller(rc);
    return loggedIn(rc, await login.completeWithEmail(c.service, c, body.email, body.code), c.appId);
  },

  async checkMfaPhoneOrEmailBindable({ body }, rc) {
    const c = await mfaChallengeCaller(rc);
    return login.phoneOrEmailBindable(c.service, c.userId, { phone: body?.phone, email: body?.email });
  },

  async associateFaceMfa({ body }, rc) {
    await mfaCaller(rc);
    if (!body?.photoA) throw ServiceErrors.facePhotoMissing();
    if (!body.photoB) throw ServiceErrors.compareFacePhotoMissing();
    throw ServiceErrors.faceBindFailed();
  },

  async verifyFaceMfa({ body }, rc) {
    await mfaChallengeCaller(rc);
    if (!body?.photo) throw ServiceErrors.facePhotoMissing();
    throw ServiceErrors.faceVerifyFailed();
  },
});
