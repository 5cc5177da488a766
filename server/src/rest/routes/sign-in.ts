import type { RequestContext } from '../../context.js';
import { Errors } from '../../errors.js';
import { answerLogin, answerRegistration, clientIp, registerFlow } from '../../graphql/resolvers/authentication.js';
import * as auth from '../../services/authentication.js';
import type { RegisterProfile } from '../../services/authentication.js';
import { ServiceErrors } from '../../services/errors.js';
import type { Session } from '../../services/sessions.js';
import { routes, type TypedInput } from '../typed.js';

/**
 * Sign-in over REST: email-code login and registration, the LDAP and AD directory logins (refused:
 * authing-local has no directories) and v3 `signin`. Every login answers through `answerLogin`.
 */

/** The `RegisterProfile` fields a REST registration keeps; the official SDK may send others, which are ignored. */
const PROFILE_FIELDS = [
  'username', 'nickname', 'company', 'photo', 'device', 'browser', 'name', 'givenName', 'familyName', 'middleName',
  'profile', 'preferredUsername', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'address', 'formatted',
  'streetAddress', 'locality', 'region', 'postalCode', 'country',
] as const satisfies readonly (keyof RegisterProfile)[];

function registerProfile(given: Record<string, unknown> | null | undefined): RegisterProfile {
  const profile: RegisterProfile = {};
  for (const key of PROFILE_FIELDS) {
    const value = given?.[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw Errors.invalidInput(`profile.${key} must be a string`, `profile.${key} 必须为字符串`);
    profile[key] = value;
  }
  return profile;
}

type SignIn = TypedInput<'signinByCredentials'>['body'];

/** The session a v3 sign-in opens, by its `connection`. */
async function credentialsSession(rc: RequestContext, body: SignIn): Promise<{ session: Session; appId: string }> {
  const { appId, pool, service } = await rc.app();
  const options = body.options ?? {};
  const login = { appId, clientIp: clientIp(rc, options.clientIp) };
  if (body.connection === 'LDAP') auth.loginByLdap();
  if (body.connection === 'AD') auth.loginByAd();
  if (body.connection === 'PASSCODE') {
    const p = body.passCodePayload;
    if (!p || (!p.phone && !p.email)) throw Errors.invalidInput('passCodePayload with phone or email is required', 'passCodePayload 需要 phone 或 email');
    const session = p.phone
      ? await auth.loginByCodeSession(service, 'sms', p.phone, p.passCode, { ...login, phoneCountryCode: p.phoneCountryCode })
      : await auth.loginByCodeSession(service, 'email', p.email ?? '', p.passCode, login);
    return { session, appId };
  }
  const p = body.passwordPayload;
  if (!p) throw Errors.invalidInput('passwordPayload is required', 'passwordPayload 不能为空');
  if (options.passwordEncryptType === 'sm2') throw ServiceErrors.unsupportedSignIn('passwordEncryptType=sm2');
  rc.claimPasswordCheck();
  const password = options.passwordEncryptType === 'rsa' ? rc.password(p.password, pool) : p.password;
  // autoRegister applies to a named identifier only, never to the generic `account`.
  const named = p.username ? (['username', p.username] as const) : p.email ? (['email', p.email] as const) : p.phone ? (['phone', p.phone] as const) : null;
  if (named) return { session: await auth.loginSession(service, named[0], named[1], password, { ...login, autoRegister: options.autoRegister }), appId };
  if (!p.account) throw Errors.invalidInput('passwordPayload needs account, username, email or phone', 'passwordPayload 需要 account、username、email 或 phone');
  const by = await auth.accountIdentifier(service, p.account);
  return { session: await auth.loginSession(service, by, p.account, password, login), appId };
}

export const signInRoutes = routes({
  async loginByEmailCode({ body }, rc) {
    const { appId, service } = await rc.app();
    const session = await auth.loginByCodeSession(service, 'email', body.email, body.code, { appId, clientIp: clientIp(rc, body.clientIp) });
    return answerLogin(rc, session, appId);
  },
  async registerByEmailCode({ body }, rc) {
    const { appId, service } = await rc.app();
    const user = await auth.registerByEmailCode(service, { email: body.email, code: body.code, profile: registerProfile(body.profile) }, registerFlow(rc, body));
    return answerRegistration(rc, user, appId, body);
  },
  async loginByLdap(_input, rc) {
    await rc.app();
    return auth.loginByLdap();
  },
  async loginByAd(_input, rc) {
    await rc.app();
    return auth.loginByAd();
  },
  async signinByCredentials({ body }, rc) {
    const options = body.options ?? {};
    // authing-local issues no authorization codes; the token answer is the only one it gives.
    if (options.responseType === 'code') throw ServiceErrors.unsupportedSignIn('responseType=code');
    const { session, appId } = await credentialsSession(rc, body);
    const user = await answerLogin(rc, session, appId);
    const expireIn = Math.max(0, Math.round((Date.parse(user.tokenExpiredAt) - Date.now()) / 1000));
    return { access_token: user.token, id_token: user.token, token_type: 'Bearer', expire_in: expireIn, scope: options.scope ?? 'openid profile' };
  },
});
