/**
 * The AuthenticationClient: end-user registration, login and profile, with a per-instance session.
 * One flat surface (the official SDK's method names) over part modules; each method is a one-liner
 * into its part, which shares the client's {@link AuthContext}.
 */
import type { RequestOptions } from '../../core/options.js';
import { Transport } from '../../core/transport.js';
import type { paths } from '../../generated/openapi.js';
import { PasswordEncryptor } from '../public-key.js';
import type { CommonMessage, EmailScene, LoginStatus, RegisterProfile, User } from '../types.js';
import type { AuthorizedResource, CustomData, CustomDataItem, OrgNode, Paginated, ResourceType, Role, UserDepartment, UserToken } from '../types.js';
import type { UserDetail } from '../types.js';
import { oneOf, requireId } from '../validate.js';
import { Session, type AuthContext } from './context.js';
import * as avatar from './avatar.js';
import type { AvatarFile, AvatarFileOptions, UploadAvatarOptions } from './avatar.js';
import * as bindings from './bindings.js';
import type { LinkAccountParams, SecurityLevel, UnlinkAccountParams, UserExistsQuery } from './bindings.js';
import * as codes from './codes.js';
import * as customData from './custom-data.js';
import { MfaAuthenticationClient } from './mfa.js';
import { EventAuthenticationClient } from './event.js';
import { PrincipalAuthenticationClient } from './principal.js';
import { QrCodeAuthenticationClient } from './qrcode.js';
import * as passwords from './passwords.js';
import type { CheckPasswordStrengthResult, FirstLoginResetParams, ForceResetParams } from './passwords.js';
import * as profile from './profile.js';
import * as signIn from './sign-in.js';
import * as codeSignIn from './code-sign-in.js';
import * as credentials from './credentials.js';
import * as directory from './directory-sign-in.js';
import { websocketHostOf } from './directory-sign-in.js';
import type {
  DirectoryLoginOptions,
  EmailCodeLoginOptions,
  EmailCodeRegisterOptions,
  PhoneCodeLoginOptions,
  PhoneCodeRegisterOptions,
  SignInByCredentialsParams,
  SignInTokens,
  SubAccountLoginOptions,
} from './sign-in-types.js';
import * as tokens from './tokens.js';
import { generateCodeChallenge } from './random.js';
import type { CodeChallengeDigestOptions } from './pkce.js';
import * as protocolUrls from './protocol-urls.js';
import type { AuthorizeParams, LogoutUrlParams } from './protocol-urls.js';
import type { CasV1Validation, CasV2Validation, ProtocolClient, SsoSessionInfo, TokenClaims, TokenIntrospection, TokenSet, UserInfo, UserInfoOptions, ValidateTokenParams } from './protocol-tokens.js';
import { SocialAuthenticationClient } from './social.js';
import * as views from './views.js';
import type { ApplicationPublicDetail } from './views.js';
import type {
  AuthenticationClientOptions,
  CurrentUser,
  LoggedInUser,
  LoginOptions,
  ProfileUpdates,
  RegisterOptions,
} from './types.js';

// The PKCE digest loads on its first call, like the other rarely used parts.
const pkceCalls = () => import('./pkce.js');
const tokenCalls = () => import('./protocol-tokens.js');

/**
 * Registers and logs in end users of one application and keeps their session (token) in memory,
 * per instance. Retries are off: a login is never replayed.
 * @example
 * import { AuthenticationClient } from 'authing-ts';
 * const auth = new AuthenticationClient({ appId: 'APP_ID', appHost: 'https://my-app.authing.cn' });
 * const user = await auth.loginByEmail('alice@example.com', 's3cret!');
 * await auth.updateProfile({ nickname: 'Alice' });
 */
export class AuthenticationClient {
  /** The application this client logs users in to. */
  readonly appId: string;
  readonly #ctx: AuthContext;
  readonly #protocol: ProtocolClient;

  /**
   * @param options - read once; the object is neither kept nor changed
   * @throws {@link AuthingValidationError} when `appId` or `appHost` is missing or invalid
   */
  constructor(options: AuthenticationClientOptions) {
    requireId('appId', options.appId);
    requireId('appHost', options.appHost);
    const protocol = options.protocol ?? 'oidc';
    oneOf('protocol', protocol, protocolUrls.PROTOCOLS);
    this.appId = options.appId;
    const authMethod = (name: 'tokenEndPointAuthMethod' | 'introspectionEndPointAuthMethod' | 'revocationEndPointAuthMethod') => {
      const value = options[name] ?? 'client_secret_post';
      oneOf(name, value, protocolUrls.TOKEN_AUTH_METHODS);
      return value;
    };
    this.#protocol = {
      appId: options.appId,
      appHost: options.appHost,
      protocol,
      redirectUri: options.redirectUri,
      secret: options.secret,
      tokenEndPointAuthMethod: authMethod('tokenEndPointAuthMethod'),
      introspectionEndPointAuthMethod: authMethod('introspectionEndPointAuthMethod'),
      revocationEndPointAuthMethod: authMethod('revocationEndPointAuthMethod'),
      keys: {},
    };
    const session = new Session(options.token);
    const transportOptions = {
      host: options.appHost,
      appId: options.appId,
      lang: options.lang,
      timeout: options.timeout,
      deadline: options.deadline,
      retry: false,
      fetch: options.fetch,
      headers: options.headers,
      onError: options.onError,
      getToken: () => Promise.resolve(session.token),
    } as const;
    const transport = new Transport<paths>(transportOptions);
    const wsHost = websocketHostOf(options.appHost, options.websocketHost);
    let ws: Transport<paths> | undefined;
    const websocket = () => (ws ??= wsHost === options.appHost ? transport : new Transport<paths>({ ...transportOptions, host: wsHost }));
    this.#ctx = { appId: options.appId, transport, session, passwords: new PasswordEncryptor(transport, options.publicKey), websocket };
  }

  /**
   * Registers a user with a username and password (RSA-encrypted before it is sent).
   * @param username - username
   * @param password - password
   * @param profile - profile fields
   * @param options - forceLogin, generateToken, clientIp, customData, context, emailToken, phoneToken
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new user; with a `token` (forceLogin / generateToken) it becomes the session
   * @throws {@link AuthingError} e.g. when the username is taken
   * @example
   * const user = await auth.registerByUsername('alice', 's3cret!', { nickname: 'Alice' }, { forceLogin: true });
   */
  registerByUsername(username: string, password: string, profile?: RegisterProfile, options: RegisterOptions = {}, requestOptions?: RequestOptions): Promise<User> {
    return signIn.registerByUsername(this.#ctx, username, password, profile, options, requestOptions);
  }

  /**
   * Registers a user with an email address and password (RSA-encrypted before it is sent).
   * @param email - email address
   * @param password - password
   * @param profile - profile fields
   * @param options - forceLogin, generateToken, clientIp, customData, context, emailToken, phoneToken
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new user; with a `token` (forceLogin / generateToken) it becomes the session
   * @throws {@link AuthingError} e.g. when the email is taken
   * @example
   * const user = await auth.registerByEmail('alice@example.com', 's3cret!');
   */
  registerByEmail(email: string, password: string, profile?: RegisterProfile, options: RegisterOptions = {}, requestOptions?: RequestOptions): Promise<User> {
    return signIn.registerByEmail(this.#ctx, email, password, profile, options, requestOptions);
  }

  /**
   * Logs in with username and password; the returned user's `token` becomes the session.
   * @param username - username
   * @param password - password (RSA-encrypted before it is sent)
   * @param options - autoRegister, captchaCode, clientIp, customData, context
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with `token` and `tokenExpiredAt`
   * @throws {@link AuthingError} code 2004 for an unknown user, 2333 for a wrong password, or when the application denies the user
   * @example
   * const user = await auth.loginByUsername('alice', 's3cret!');
   */
  loginByUsername(username: string, password: string, options: LoginOptions = {}, requestOptions?: RequestOptions): Promise<LoggedInUser> {
    return signIn.loginByUsername(this.#ctx, username, password, options, requestOptions);
  }

  /**
   * Logs in with email and password; the returned user's `token` becomes the session.
   * @param email - email address
   * @param password - password (RSA-encrypted before it is sent)
   * @param options - autoRegister, captchaCode, clientIp, customData, context
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with `token` and `tokenExpiredAt`
   * @throws {@link AuthingError} code 2004 for an unknown user, or when the application denies the user
   * @example
   * const { token, tokenExpiredAt } = await auth.loginByEmail('alice@example.com', 's3cret!');
   */
  loginByEmail(email: string, password: string, options: LoginOptions = {}, requestOptions?: RequestOptions): Promise<LoggedInUser> {
    return signIn.loginByEmail(this.#ctx, email, password, options, requestOptions);
  }

  /**
   * The user of the session (GraphQL `user` with the session token as Bearer).
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, or null when there is no session
   * @throws {@link AuthingError} e.g. {@link AuthingAuthenticationError} (2020) for an invalid or expired token
   * @example
   * const user = await auth.getCurrentUser();
   */
  getCurrentUser(requestOptions?: RequestOptions): Promise<CurrentUser | null> {
    return profile.getCurrentUser(this.#ctx, requestOptions);
  }

  /**
   * Updates the session user's profile. A `password` in `updates` is dropped (the caller's object
   * is not changed); passwords change through a dedicated flow.
   * @param updates - profile fields
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the updated user
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} when there is no session
   * @example
   * await auth.updateProfile({ nickname: 'Alice', city: 'Oxford' });
   */
  updateProfile(updates: ProfileUpdates, requestOptions?: RequestOptions): Promise<User> {
    return profile.updateProfile(this.#ctx, updates, requestOptions);
  }

  /**
   * Logs the session out of the application (`GET /api/v2/logout?app_id=`) and forgets it.
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} (the session is forgotten anyway when the server rejects the token)
   * @example
   * await auth.logout();
   */
  logout(requestOptions?: RequestOptions): Promise<void> {
    return tokens.logout(this.#ctx, requestOptions);
  }

  /**
   * The session token.
   * @returns the token, or null without a session
   * @example
   * const token = auth.getToken();
   * if (token) localStorage.setItem('authing-token', token);
   */
  getToken(): string | null {
    return this.#ctx.session.token ?? null;
  }

  /**
   * Starts a session from a token (e.g. restored from your own storage).
   * @param token - a user token issued for this user pool
   * @example
   * const saved = localStorage.getItem('authing-token');
   * if (saved) auth.setToken(saved);
   */
  setToken(token: string): void {
    requireId('token', token);
    this.#ctx.session.set(token);
  }

  /**
   * Checks a token with the server.
   * @param token - the token to check; default the session token
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ code, message, status, exp, iat, data }`; `status` is false for an invalid token
   * @throws {@link AuthingError}
   * @example
   * const valid = (await auth.checkLoginStatus())?.status === true;
   */
  checkLoginStatus(token?: string, requestOptions?: RequestOptions): Promise<LoginStatus | null> {
    return tokens.checkLoginStatus(this.#ctx, token, requestOptions);
  }

  // ── Register and log in by code, sub-account, LDAP/AD, credentials (helper: sign-in) ──

  /**
   * Registers a user with a phone number and the code {@link AuthenticationClient.sendSmsCode} sent
   * to it; the phone is then verified. The code is used once.
   * @param phone - phone number
   * @param code - the SMS code
   * @param password - optional password (RSA-encrypted before it is sent)
   * @param profile - profile fields
   * @param options - forceLogin, generateToken, phoneCountryCode, clientIp, customData, context, emailToken
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new user; with a `token` (forceLogin / generateToken) it becomes the session
   * @throws {@link AuthingError} 2001 wrong code, 2002 expired or used code, 2026 phone taken, 2037 registration disabled, 2040 not whitelisted
   * @example
   * await auth.sendSmsCode('13800000000');
   * const user = await auth.registerByPhoneCode('13800000000', '123456', 's3cret!', { nickname: 'Pat' }, { forceLogin: true });
   */
  registerByPhoneCode(
    phone: string,
    code: string,
    password?: string,
    profile?: RegisterProfile,
    options: PhoneCodeRegisterOptions = {},
    requestOptions?: RequestOptions,
  ): Promise<User> {
    return codeSignIn.registerByPhoneCode(this.#ctx, phone, code, password, profile, options, requestOptions);
  }

  /**
   * Registers a user with an email address and the code `sendEmail(email, 'VERIFY_CODE')` mailed to
   * it (`POST /api/v2/register/email-code`); the email is then verified. The code is used once.
   * @param email - email address
   * @param code - the mailed code
   * @param profile - profile fields
   * @param options - forceLogin, generateToken, clientIp, customData, context, phoneToken
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new user; with a `token` (forceLogin / generateToken) it becomes the session
   * @throws {@link AuthingError} 2001 wrong code, 2002 expired or used code, 2026 email taken, 2037 registration disabled
   * @example
   * await auth.sendEmail('alice@example.com', 'VERIFY_CODE');
   * const user = await auth.registerByEmailCode('alice@example.com', '123456', { nickname: 'Alice' }, { forceLogin: true });
   */
  registerByEmailCode(email: string, code: string, profile?: RegisterProfile, options: EmailCodeRegisterOptions = {}, requestOptions?: RequestOptions): Promise<UserDetail> {
    return codeSignIn.registerByEmailCode(this.#ctx, email, code, profile, options, requestOptions);
  }

  /**
   * Logs in with a phone number and the code {@link AuthenticationClient.sendSmsCode} sent to it;
   * the returned user's `token` becomes the session. The code is used once.
   * @param phone - phone number
   * @param code - the SMS code
   * @param options - phoneCountryCode, autoRegister, clientIp, customData, context
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with `token`; `newlyCreated` when `autoRegister` created it
   * @throws {@link AuthingError} 2001 wrong code, 2002 expired or used code, 2004 no user with that phone
   * @example
   * await auth.sendSmsCode('13800000000');
   * const user = await auth.loginByPhoneCode('13800000000', '123456');
   */
  loginByPhoneCode(phone: string, code: string, options: PhoneCodeLoginOptions = {}, requestOptions?: RequestOptions): Promise<LoggedInUser> {
    return codeSignIn.loginByPhoneCode(this.#ctx, phone, code, options, requestOptions);
  }

  /**
   * Logs in with an email address and the code `sendEmail` mailed to it
   * (`POST /api/v2/login/email-code`); the returned user's `token` becomes the session.
   * @param email - email address
   * @param code - the mailed code
   * @param options - clientIp, customData, context
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with `token`
   * @throws {@link AuthingError} 2001 wrong code, 2002 expired or used code, 2004 no user with that address
   * @example
   * await auth.sendEmail('alice@example.com', 'VERIFY_CODE');
   * const user = await auth.loginByEmailCode('alice@example.com', '123456');
   */
  loginByEmailCode(email: string, code: string, options: EmailCodeLoginOptions = {}, requestOptions?: RequestOptions): Promise<UserDetail> {
    return codeSignIn.loginByEmailCode(this.#ctx, email, code, options, requestOptions);
  }

  /**
   * Logs in with a phone number and password; the returned user's `token` becomes the session.
   * @param phone - phone number
   * @param password - password (RSA-encrypted before it is sent)
   * @param options - autoRegister, captchaCode, clientIp, customData, context
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with `token`; `newlyCreated` when `autoRegister` created it
   * @throws {@link AuthingError} 2004 unknown phone, 2333 wrong password, 2000 too many failures
   * @example
   * const user = await auth.loginByPhonePassword('13800000000', 's3cret!');
   */
  loginByPhonePassword(phone: string, password: string, options: LoginOptions = {}, requestOptions?: RequestOptions): Promise<LoggedInUser> {
    return signIn.loginByPhonePassword(this.#ctx, phone, password, options, requestOptions);
  }

  /**
   * Logs in with a sub-account and its password (RSA-encrypted before it is sent). authing-local
   * cannot create sub-accounts, so it answers every account as unknown (2004).
   * @param account - the sub-account
   * @param password - its password
   * @param options - captchaCode, clientIp
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with `token`
   * @throws {@link AuthingError} 2004 when the account is no sub-account
   * @example
   * const user = await auth.loginBySubAccount('alice-ops', 's3cret!');
   */
  loginBySubAccount(account: string, password: string, options: SubAccountLoginOptions = {}, requestOptions?: RequestOptions): Promise<LoggedInUser> {
    return directory.loginBySubAccount(this.#ctx, account, password, options, requestOptions);
  }

  /**
   * Logs in through the application's LDAP connection (`POST /api/v2/ldap/verify-user`; the
   * password is sent in plaintext over HTTPS, as Authing expects it).
   * @param username - the LDAP account
   * @param password - its password
   * @param options - clientIp, withCustomData
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with `token`
   * @throws {@link AuthingError} 3408 when the application has no LDAP connection (always on authing-local)
   * @example
   * const user = await auth.loginByLdap('alice', 's3cret!');
   */
  loginByLdap(username: string, password: string, options: DirectoryLoginOptions = {}, requestOptions?: RequestOptions): Promise<UserDetail> {
    return directory.loginByLdap(this.#ctx, username, password, options, requestOptions);
  }

  /**
   * Logs in through the pool's Windows AD connector (`POST {websocketHost}/api/v2/ad/verify-user`,
   * see the `websocketHost` option; the password is sent in plaintext over HTTPS).
   * @param username - the AD account
   * @param password - its password
   * @param options - clientIp, withCustomData
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with `token`
   * @throws {@link AuthingError} 3407 when the pool has no AD connector (always on authing-local)
   * @example
   * const user = await auth.loginByAd('alice', 's3cret!');
   */
  loginByAd(username: string, password: string, options: DirectoryLoginOptions = {}, requestOptions?: RequestOptions): Promise<UserDetail> {
    return directory.loginByAd(this.#ctx, username, password, options, requestOptions);
  }

  /**
   * Signs in by password, one-time code or user directory (v3 `POST /api/v3/signin`) and answers
   * tokens; the `id_token` becomes the session. The password is RSA-encrypted unless
   * `options.passwordEncryptType` is `none`.
   * @param params - `connection` and its payload, options
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ access_token, id_token, token_type, expire_in, scope }`
   * @throws {@link AuthingError} the login's code (2004, 2333, 2001, 2002, 3407, 3408, …)
   * @example
   * const { id_token } = await auth.signinByCredentials({
   *   connection: 'PASSWORD',
   *   passwordPayload: { account: 'alice', password: 's3cret!' },
   * });
   */
  signinByCredentials(params: SignInByCredentialsParams, requestOptions?: RequestOptions): Promise<SignInTokens> {
    return credentials.signinByCredentials(this.#ctx, params, requestOptions);
  }

  // ── Codes and passwords (helper: passwords) ──

  /**
   * Sends a verification code by SMS (`POST /api/v2/sms/send`), for `loginByPhoneCode`,
   * `registerByPhoneCode`, `resetPasswordByPhoneCode`, `bindPhone`, `updatePhone` and SMS MFA.
   * One code per number per resend interval; codes expire and are single-use. authing-local sends
   * no SMS: the message is in its outbox (`GET /__local/outbox?recipient=<phone>`).
   * @param phone - phone number
   * @param phoneCountryCode - e.g. `+86`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ code: 200, message }`
   * @throws {@link AuthingError} 2021 when a code went to this number too recently (`data.retryAfter` seconds), 2022 for a malformed number
   * @example
   * await auth.sendSmsCode('13800000000');
   */
  sendSmsCode(phone: string, phoneCountryCode?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return codes.sendSmsCode(this.#ctx, phone, phoneCountryCode, requestOptions);
  }

  /**
   * Mails a verification code for `scene` (`sendEmail`): `RESET_PASSWORD` for
   * `resetPasswordByEmailCode`, `VERIFY_EMAIL` / `CHANGE_EMAIL` for the bindings, `MFA_VERIFY` for
   * email MFA, `VERIFY_CODE` for login and registration by email code. A code is accepted only by
   * the flows of its scene. authing-local sends no mail: the message is in its outbox.
   * @param email - address
   * @param scene - what the code is for
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ code: 200, message }`
   * @throws {@link AuthingError} 2003 for a malformed address, 2021 when a code went to it too recently
   * @example
   * await auth.sendEmail('alice@example.com', 'RESET_PASSWORD');
   */
  sendEmail(email: string, scene: EmailScene, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return codes.sendEmail(this.#ctx, email, scene, requestOptions);
  }

  /**
   * Checks a password against the user pool's strength rule (`checkPasswordStrength`): level 0
   * any non-empty password, 1 at least 6 characters, 2 at least 6 with two of letters / digits /
   * symbols, 3 at least 6 with all three. The same rule guards registration, resets and
   * `updatePassword`. The password is sent as given, as the official SDKs do.
   * @param password - the password to check
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ valid, message }`; `message` states the requirement when `valid` is false
   * @throws {@link AuthingError}
   * @example
   * const { valid, message } = await auth.checkPasswordStrength('passw0rd!');
   * if (!valid) console.log(message);
   */
  checkPasswordStrength(password: string, requestOptions?: RequestOptions): Promise<CheckPasswordStrengthResult> {
    return passwords.checkPasswordStrength(this.#ctx, password, requestOptions);
  }

  /**
   * Sets a new password with the code {@link AuthenticationClient.sendSmsCode} sent to the phone
   * (`resetPassword`). The new password is RSA-encrypted; every session of the user ends.
   * @param phone - phone number of the account
   * @param code - the SMS code
   * @param newPassword - the new password
   * @param phoneCountryCode - e.g. `+86`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ code: 200, message }`
   * @throws {@link AuthingError} 2001 wrong code, 2002 expired or used code, 2004 no user with that phone, 2029 too weak a password
   * @example
   * await auth.sendSmsCode('13800000000');
   * await auth.resetPasswordByPhoneCode('13800000000', '123456', 'n3w-passw0rd');
   */
  resetPasswordByPhoneCode(phone: string, code: string, newPassword: string, phoneCountryCode?: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return passwords.resetPasswordByPhoneCode(this.#ctx, phone, code, newPassword, phoneCountryCode, requestOptions);
  }

  /**
   * Sets a new password with the code `sendEmail(email, 'RESET_PASSWORD')` mailed to the address
   * (`resetPassword`). The new password is RSA-encrypted; every session of the user ends.
   * @param email - email address of the account
   * @param code - the mailed code
   * @param newPassword - the new password
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ code: 200, message }`
   * @throws {@link AuthingError} 2001 wrong code, 2002 expired or used code, 2004 no user with that address, 2029 too weak a password
   * @example
   * await auth.sendEmail('alice@example.com', 'RESET_PASSWORD');
   * await auth.resetPasswordByEmailCode('alice@example.com', '123456', 'n3w-passw0rd');
   */
  resetPasswordByEmailCode(email: string, code: string, newPassword: string, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return passwords.resetPasswordByEmailCode(this.#ctx, email, code, newPassword, requestOptions);
  }

  /**
   * Sets the password of a user whose first login was refused with 1639 (a user created with
   * `resetPasswordOnFirstLogin`), with the token of that error's `data.token`. The token is
   * short-lived and single use; the user then logs in with the new password.
   * @param params - `{ token, password }` (the password RSA-encrypted before it is sent)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ code: 200, message }`
   * @throws {@link AuthingError} 2059 for an invalid, expired or used token, 2029 too weak a password
   * @example
   * import { AuthingError } from 'authing-ts';
   * try {
   *   await auth.loginByUsername('bob', 'initial-passw0rd');
   * } catch (error) {
   *   if (error instanceof AuthingError && error.code === 1639) {
   *     const { token } = error.data as { token: string };
   *     await auth.resetPasswordByFirstLoginToken({ token, password: 'n3w-passw0rd' });
   *   }
   * }
   */
  resetPasswordByFirstLoginToken(params: FirstLoginResetParams, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return passwords.resetPasswordByFirstLoginToken(this.#ctx, params, requestOptions);
  }

  /**
   * Changes a password the pool's `passwordUpdatePolicy` declared expired: the login answered 2058
   * with `data.token`; that token, the current password and a new one set it. The token is
   * short-lived and single use; every session of the user ends.
   * @param params - `{ token, oldPassword, newPassword }` (both passwords RSA-encrypted)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ code: 200, message }`
   * @throws {@link AuthingError} 2059 for an invalid, expired or used token, 2203 wrong current password, 2029 too weak a password
   * @example
   * import { AuthingError } from 'authing-ts';
   * try {
   *   await auth.loginByEmail('alice@example.com', 'old-passw0rd');
   * } catch (error) {
   *   if (error instanceof AuthingError && error.code === 2058) {
   *     const { token } = error.data as { token: string };
   *     await auth.resetPasswordByForceResetToken({ token, oldPassword: 'old-passw0rd', newPassword: 'n3w-passw0rd' });
   *   }
   * }
   */
  resetPasswordByForceResetToken(params: ForceResetParams, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return passwords.resetPasswordByForceResetToken(this.#ctx, params, requestOptions);
  }

  /**
   * Changes the session user's password (`updatePassword`); both passwords are RSA-encrypted.
   * `oldPassword` is required when the user has a password (not for one registered by code or
   * socially). The sessions stay open.
   * @param newPassword - the new password
   * @param oldPassword - the current password
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user
   * @throws {@link AuthingError} 2020 without a session, 2201 missing and 2203 wrong old password, 2029 too weak a password
   * @example
   * await auth.loginByEmail('alice@example.com', 'old-passw0rd');
   * await auth.updatePassword('n3w-passw0rd', 'old-passw0rd');
   */
  updatePassword(newPassword: string, oldPassword?: string, requestOptions?: RequestOptions): Promise<User> {
    return passwords.updatePassword(this.#ctx, newPassword, oldPassword, requestOptions);
  }


  // ── Bindings, profile, account links, custom data, views, tokens (helper: account) ──

  // bindings

  /**
   * Binds a phone number to the session user, who has none yet (else {@link AuthenticationClient.updatePhone}).
   * @param phone - the phone number
   * @param phoneCode - the code {@link AuthenticationClient.sendSmsCode} sent to it (spent by this call)
   * @param phoneCountryCode - country calling code, e.g. `+86`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, with the phone bound and verified
   * @throws {@link AuthingError} 2001 wrong code, 2002 no live code, 2035 phone bound to another user, 3911 the user has a phone
   * @example
   * await auth.sendSmsCode('+8613800000000');
   * const user = await auth.bindPhone('+8613800000000', '123456');
   */
  bindPhone(phone: string, phoneCode: string, phoneCountryCode?: string, requestOptions?: RequestOptions): Promise<User> {
    return bindings.bindPhone(this.#ctx, phone, phoneCode, phoneCountryCode, requestOptions);
  }

  /**
   * Removes the session user's phone number.
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user without a phone
   * @throws {@link AuthingError} 3913 no phone bound, 3915 it is the account's only identifier
   * @example
   * const user = await auth.unbindPhone();
   */
  unbindPhone(requestOptions?: RequestOptions): Promise<User> {
    return bindings.unbindPhone(this.#ctx, requestOptions);
  }

  /**
   * Binds an email address to the session user, who has none yet (else {@link AuthenticationClient.updateEmail}).
   * @param email - the address
   * @param emailCode - the code `sendEmail(email, 'VERIFY_EMAIL')` sent to it (spent by this call)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, with the email bound and verified
   * @throws {@link AuthingError} 2001 wrong code, 2002 no live code, 2200 email of another user, 3912 the user has an email
   * @example
   * await auth.sendEmail('alice@example.com', 'VERIFY_EMAIL');
   * const user = await auth.bindEmail('alice@example.com', '123456');
   */
  bindEmail(email: string, emailCode: string, requestOptions?: RequestOptions): Promise<User> {
    return bindings.bindEmail(this.#ctx, email, emailCode, requestOptions);
  }

  /**
   * Removes the session user's email address.
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user without an email
   * @throws {@link AuthingError} 3914 no email bound, 3915 it is the account's only identifier
   * @example
   * const user = await auth.unbindEmail();
   */
  unbindEmail(requestOptions?: RequestOptions): Promise<User> {
    return bindings.unbindEmail(this.#ctx, requestOptions);
  }

  /**
   * Changes the session user's phone number. When the pool verifies the old phone
   * (`changePhoneStrategy.verifyOldPhone`) the current phone and a code sent to it are needed too.
   * @param phone - the new phone number
   * @param phoneCode - a code sent to the new number
   * @param oldPhone - the current number
   * @param oldPhoneCode - a code sent to the current number
   * @param phoneCountryCode - country calling code of the new number
   * @param oldPhoneCountryCode - country calling code of the current number
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with the new phone, verified
   * @throws {@link AuthingError} 2001 / 2002 for a code, 2035 phone of another user, 3913 no phone yet, 3916 the old phone is not the user's, 3917 the old phone's proof is missing
   * @example
   * const user = await auth.updatePhone('+8613900000000', '123456', '+8613800000000', '654321');
   */
  updatePhone(
    phone: string,
    phoneCode: string,
    oldPhone?: string,
    oldPhoneCode?: string,
    phoneCountryCode?: string,
    oldPhoneCountryCode?: string,
    requestOptions?: RequestOptions,
  ): Promise<User> {
    const args = { phone, phoneCode, oldPhone, oldPhoneCode, phoneCountryCode, oldPhoneCountryCode };
    return bindings.updatePhone(this.#ctx, args, requestOptions);
  }

  /**
   * Changes the session user's email address. When the pool verifies the old email
   * (`changeEmailStrategy.verifyOldEmail`) the current address and a code sent to it are needed too.
   * @param email - the new address
   * @param emailCode - a code `sendEmail(email, 'CHANGE_EMAIL')` sent to it
   * @param oldEmail - the current address
   * @param oldEmailCode - a code sent to the current address
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user with the new email, verified
   * @throws {@link AuthingError} 2001 / 2002 for a code, 2200 email of another user, 3914 no email yet, 3916 the old email is not the user's, 3917 the old email's proof is missing
   * @example
   * const user = await auth.updateEmail('new@example.com', '123456', 'old@example.com', '654321');
   */
  updateEmail(email: string, emailCode: string, oldEmail?: string, oldEmailCode?: string, requestOptions?: RequestOptions): Promise<User> {
    return bindings.updateEmail(this.#ctx, { email, emailCode, oldEmail, oldEmailCode }, requestOptions);
  }

  /**
   * Uploads an image and makes it the session user's photo (upload, then `updateProfile({ photo })`).
   * Works in Node and browsers.
   * @param file - the image: a `Blob` / `File`, an `ArrayBuffer` or a `Uint8Array` (PNG, JPEG, GIF or WebP)
   * @param options - filename, contentType
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, whose `photo` is the uploaded file's URL
   * @throws {@link AuthingError} 3921 file too large, 3922 not an image; {@link AuthingValidationError} for another kind of `file`
   * @example
   * const bytes = new Uint8Array(await (await fetch('https://example.com/me.png')).arrayBuffer());
   * const user = await auth.updateAvatar(bytes, { filename: 'me.png' });
   * console.log(user.photo); // where authing-local (or Authing) serves the image
   */
  updateAvatar(file: AvatarFile, options?: AvatarFileOptions, requestOptions?: RequestOptions): Promise<User> {
    return avatar.updateAvatar(this.#ctx, file, options, requestOptions);
  }

  /**
   * Browser only: opens the file picker, then uploads the chosen image as {@link AuthenticationClient.updateAvatar} does.
   * @param options - accept (default `image/*`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, whose `photo` is the uploaded file's URL
   * @throws {@link AuthingValidationError} outside a browser; {@link AuthingAbortError} when no file is chosen
   * @example
   * document.querySelector('#avatar')?.addEventListener('click', () => void auth.uploadAvatar({ accept: '.png' }));
   */
  uploadAvatar(options?: UploadAvatarOptions, requestOptions?: RequestOptions): Promise<User> {
    return avatar.uploadAvatar(this.#ctx, options, requestOptions);
  }

  /**
   * The session user's security level: a score and what it is made of (password, email, phone, MFA).
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ score, email, phone, password, mfa, passwordSecurityLevel }`
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session
   * @example
   * const { score, phone } = await auth.getSecurityLevel();
   */
  getSecurityLevel(requestOptions?: RequestOptions): Promise<SecurityLevel> {
    return bindings.getSecurityLevel(this.#ctx, requestOptions);
  }

  /**
   * Whether a user of the pool has any of the given identifiers.
   * @param query - username, email, phone, externalId
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true when one exists
   * @throws {@link AuthingError}
   * @example
   * const taken = await auth.isUserExists({ username: 'alice' });
   */
  isUserExists(query: UserExistsQuery, requestOptions?: RequestOptions): Promise<boolean> {
    return bindings.isUserExists(this.#ctx, query, requestOptions);
  }

  /**
   * Merges a social account into a main account: its identities move to the main account and
   * the social account is deleted. Both tokens prove their owner; the session is not used.
   * @param params - primaryUserToken (the main account), secondaryUserToken (the social account)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ code: 200, message }`
   * @throws {@link AuthingError} 2020 for a token that is not a live user token of this pool, 3903 the social account has no identity, 3904 one account twice
   * @example
   * const primaryUserToken = (await auth.loginByEmail('alice@example.com', 's3cret!')).token ?? '';
   * const secondaryUserToken = '<the token of the social login>';
   * await auth.linkAccount({ primaryUserToken, secondaryUserToken });
   */
  linkAccount(params: LinkAccountParams, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return bindings.linkAccount(this.#ctx, params, requestOptions);
  }

  /**
   * Removes a provider's identities from a main account.
   * @param params - primaryUserToken, provider (e.g. `wechat:pc`, `github`)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ code: 200, message }`
   * @throws {@link AuthingError} 2020 for a bad token, 3902 when the account has no identity of that provider
   * @example
   * await auth.unLinkAccount({ primaryUserToken: auth.getToken() ?? '', provider: 'github' });
   */
  unLinkAccount(params: UnlinkAccountParams, requestOptions?: RequestOptions): Promise<CommonMessage> {
    return bindings.unLinkAccount(this.#ctx, params, requestOptions);
  }

  // views, custom data, tokens

  /**
   * The session user's roles (op `getUserRoles`, as `management.users.listRoles` asks it).
   * @param namespace - namespace code; default all
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }` of roles
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session
   * @example
   * const { list } = await auth.listRoles('library');
   */
  listRoles(namespace?: string, requestOptions?: RequestOptions): Promise<Paginated<Role>> {
    return views.listRoles(this.#ctx, namespace, requestOptions);
  }

  /**
   * Whether the session user is assigned the role (over {@link AuthenticationClient.listRoles}, as the official SDK does).
   * @param roleCode - role code
   * @param namespace - namespace code of the role
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true when the user has it
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session
   * @example
   * if (await auth.hasRole('editors')) console.log('may edit');
   */
  hasRole(roleCode: string, namespace?: string, requestOptions?: RequestOptions): Promise<boolean> {
    return views.hasRole(this.#ctx, roleCode, namespace, requestOptions);
  }

  /**
   * The resources the session user is authorized for in a namespace, directly or through roles, groups and departments (op `listUserAuthorizedResources`).
   * @param namespace - namespace code
   * @param options - resourceType: DATA, API, MENU, UI or BUTTON
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }` of `{ code, type, actions }`
   * @throws {@link AuthingError} 3003 for an unknown namespace, {@link AuthingAuthenticationError} without a session
   * @example
   * const { list } = await auth.listAuthorizedResources('library', { resourceType: 'DATA' });
   */
  listAuthorizedResources(namespace: string, options: { resourceType?: ResourceType } = {}, requestOptions?: RequestOptions): Promise<Paginated<AuthorizedResource>> {
    return views.listAuthorizedResources(this.#ctx, namespace, options, requestOptions);
  }

  /**
   * The session user's organizations: for each node it belongs to, the chain of nodes from the root down to it (`GET /api/v2/users/me/orgs`).
   * @param requestOptions - per-call signal, timeout, headers
   * @returns one chain per membership
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session
   * @example
   * const chains = await auth.listOrgs();
   * console.log(chains.map((chain) => chain.map((node) => node.name).join(' / ')));
   */
  listOrgs(requestOptions?: RequestOptions): Promise<OrgNode[][]> {
    return views.listOrgs(this.#ctx, requestOptions);
  }

  /**
   * The session user's departments (op `getUserDepartments`).
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }` of `{ department, isMainDepartment, joinedAt }`
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session
   * @example
   * const { list } = await auth.listDepartments();
   */
  listDepartments(requestOptions?: RequestOptions): Promise<Paginated<UserDepartment>> {
    return views.listDepartments(this.#ctx, requestOptions);
  }

  /**
   * The applications of the pool the session user may log in to by their access policies (`GET /api/v2/users/me/applications/allowed`).
   * @param params - page (default 1) and limit (default 10, at most 200)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ totalCount, list }` of applications' public details (no secrets)
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session
   * @example
   * const { list } = await auth.listApplications({ page: 1, limit: 20 });
   */
  listApplications(params: { page?: number; limit?: number } = {}, requestOptions?: RequestOptions): Promise<Paginated<ApplicationPublicDetail>> {
    return views.listApplications(this.#ctx, params, requestOptions);
  }

  /**
   * The session user's custom data as items (`Q.udv(USER, me)`); deprecated by the official SDK in favour of {@link AuthenticationClient.getUdfValue}.
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ key, dataType, value, label }` items, values decoded by data type
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session
   * @example
   * const items = await auth.listUdv();
   */
  listUdv(requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.listUdv(this.#ctx, requestOptions);
  }

  /**
   * Sets one custom-data value of the session user (`M.setUdv`); the pool must define the field.
   * @param key - field key
   * @param value - a value of the field's type (JSON-encoded before it is sent)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user's custom data items
   * @throws {@link AuthingError} 3802 for an undefined field, 3803 for a value of the wrong type
   * @example
   * await auth.setUdv('school', 'MIT');
   */
  setUdv(key: string, value: unknown, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.setUdv(this.#ctx, key, value, requestOptions);
  }

  /**
   * Clears one custom-data value of the session user (`M.removeUdv`).
   * @param key - field key
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the remaining items
   * @throws {@link AuthingError} 3802 for an undefined field
   * @example
   * await auth.removeUdv('school');
   */
  removeUdv(key: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.removeUdv(this.#ctx, key, requestOptions);
  }

  /**
   * The session user's custom data as `{ key: value }` (`Q.udv(USER, me)`), values decoded by data type.
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the values by key
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session
   * @example
   * const { school } = await auth.getUdfValue();
   */
  getUdfValue(requestOptions?: RequestOptions): Promise<CustomData> {
    return customData.getUdfValue(this.#ctx, requestOptions);
  }

  /**
   * Sets several custom-data values of the session user at once (`M.setUdvBatch`).
   * @param data - `{ key: value }`, at least one key
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user's custom data items
   * @throws {@link AuthingValidationError} for empty data; {@link AuthingError} 3802 / 3803 (nothing is written)
   * @example
   * await auth.setUdfValue({ school: 'MIT', age: 20 });
   */
  setUdfValue(data: Record<string, unknown>, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.setUdfValue(this.#ctx, data, requestOptions);
  }

  /**
   * Clears one custom-data value of the session user (`M.removeUdv`, as {@link AuthenticationClient.removeUdv}).
   * @param key - field key
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the remaining items
   * @throws {@link AuthingError} 3802 for an undefined field
   * @example
   * await auth.removeUdfValue('school');
   */
  removeUdfValue(key: string, requestOptions?: RequestOptions): Promise<CustomDataItem[]> {
    return customData.removeUdv(this.#ctx, key, requestOptions);
  }

  /**
   * Issues a new token for the session user (`M.refreshToken`); it becomes the session. The old
   * token stays valid until it expires or is logged out, as Authing's tokens do.
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ token, iat, exp }`
   * @throws {@link AuthingError} {@link AuthingAuthenticationError} without a session or with an ended token
   * @example
   * const { token, exp } = await auth.refreshToken();
   */
  refreshToken(requestOptions?: RequestOptions): Promise<UserToken> {
    return tokens.refreshToken(this.#ctx, requestOptions);
  }

  /**
   * Logs out this session only (`GET /logout?appId=&deviceId=current`, the official SDK 4.23.55's
   * request): the token stops working at once and is forgotten.
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} (the session is forgotten anyway when the server rejects the token)
   * @example
   * await auth.logoutCurrent();
   */
  logoutCurrent(requestOptions?: RequestOptions): Promise<void> {
    return tokens.logoutCurrent(this.#ctx, requestOptions);
  }

  // ── Sub-clients: mfa, qrcode / wxqrcode / wechatmpqrcode, principal (helpers: mfa, qrcode, account) ──
  #mfa: MfaAuthenticationClient | undefined;

  /**
   * Multi-factor authentication (TOTP binding, and the second step of a login answered 1635 /
   * 1636), built on first use; it shares this client's session.
   * @example
   * const { qrcode_data_url } = await auth.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp' });
   */
  get mfa(): MfaAuthenticationClient {
    return (this.#mfa ??= new MfaAuthenticationClient(this.#ctx));
  }


  #qrcodes: Partial<Record<'qrcode' | 'wxqrcode' | 'wechatmpqrcode', QrCodeAuthenticationClient>> = {};

  /**
   * QR-code login with your own app (scene `APP_AUTH`), built on first use; a login it completes becomes this client's session.
   * @example
   * const scanning = await auth.qrcode.startScanning('qrcode', { autoExchangeUserInfo: true });
   */
  get qrcode(): QrCodeAuthenticationClient {
    return (this.#qrcodes.qrcode ??= new QrCodeAuthenticationClient(this.#ctx, 'APP_AUTH'));
  }

  /**
   * QR-code login with a WeChat mini program (scene `WXAPP_AUTH`), built on first use.
   * @example
   * const { random, url } = await auth.wxqrcode.geneCode();
   */
  get wxqrcode(): QrCodeAuthenticationClient {
    return (this.#qrcodes.wxqrcode ??= new QrCodeAuthenticationClient(this.#ctx, 'WXAPP_AUTH'));
  }

  /**
   * QR-code login through a WeChat official account (scene `WECHATMP_AUTH`), built on first use.
   * @example
   * const { random, url } = await auth.wechatmpqrcode.geneCode();
   */
  get wechatmpqrcode(): QrCodeAuthenticationClient {
    return (this.#qrcodes.wechatmpqrcode ??= new QrCodeAuthenticationClient(this.#ctx, 'WECHATMP_AUTH'));
  }

  #principal: PrincipalAuthenticationClient | undefined;

  /**
   * Real-name (principal) authentication of the session user, built on first use; it shares this client's session.
   * @example
   * const detail = await auth.principal.detail();
   */
  get principal(): PrincipalAuthenticationClient {
    return (this.#principal ??= new PrincipalAuthenticationClient(this.#ctx));
  }

  #event: EventAuthenticationClient | undefined;
  #social: SocialAuthenticationClient | undefined;

  /**
   * The session user's links to external identity providers (social and enterprise), built on first use.
   * @example
   * const identities = await auth.social.getIdentities();
   */
  get social(): SocialAuthenticationClient {
    return (this.#social ??= new SocialAuthenticationClient(this.#ctx));
  }

  /**
   * Publishing to the pool's event hub as the session user, built on first use; it shares this client's session.
   * @example
   * await auth.event.pub('cart.updated', JSON.stringify({ items: 3 }));
   */
  get event(): EventAuthenticationClient {
    return (this.#event ??= new EventAuthenticationClient(this.#ctx));
  }

  /**
   * The URL that starts a sign-in on the application's hosted login page, for the client's
   * `protocol`: OIDC (`/oidc/auth`, with random `state` and `nonce` unless given, PKCE through
   * `codeChallenge`), OAuth 2.0 (`/oauth/auth`), SAML (`/api/v2/saml-idp/{appId}`) or CAS
   * (`/cas-idp/{appId}`). No request is made.
   * @param params - the protocol's parameters; keep `state` (and the PKCE verifier) to check the callback
   * @returns the URL to open in the browser
   * @throws {@link AuthingValidationError} when an OIDC or OAuth URL has no redirectUri
   * @example
   * const verifier = auth.generateCodeChallenge();
   * const url = auth.buildAuthorizeUrl({ redirectUri: 'http://localhost:8080/callback', codeChallenge: await auth.getCodeChallengeDigest({ codeChallenge: verifier }) });
   */
  buildAuthorizeUrl(params?: AuthorizeParams): string {
    return protocolUrls.buildAuthorizeUrl(this.#protocol, params);
  }

  /**
   * The URL that signs the user out: `/cas-idp/logout` for CAS, `/oidc/session/end` for OIDC with
   * `expert`, else Authing's hosted `/login/profile/logout`. No request is made.
   * @param params - expert, redirectUri, idToken
   * @returns the URL to open in the browser
   * @throws {@link AuthingValidationError} when `expert` gets only one of idToken and redirectUri
   * @example
   * const url = auth.buildLogoutUrl({ expert: true, idToken: 'ID_TOKEN', redirectUri: 'http://localhost:8080/' });
   */
  buildLogoutUrl(params?: LogoutUrlParams): string {
    return protocolUrls.buildLogoutUrl(this.#protocol, params);
  }

  /**
   * A fresh PKCE code verifier (43 characters from the CSPRNG); keep it until the code exchange.
   * @returns the verifier
   * @example
   * const verifier = auth.generateCodeChallenge();
   */
  generateCodeChallenge(): string {
    return generateCodeChallenge();
  }

  /**
   * The PKCE code challenge of a verifier (`S256` by default, or `plain`). Asynchronous, unlike the
   * official SDK, because it uses WebCrypto, which runs in browsers and Node alike.
   * @param options - codeChallenge (the verifier) and method
   * @returns the challenge to put in the authorize URL
   * @throws {@link AuthingValidationError} for a malformed verifier or an unknown method
   * @example
   * const challenge = await auth.getCodeChallengeDigest({ codeChallenge: auth.generateCodeChallenge(), method: 'S256' });
   */
  getCodeChallengeDigest(options: CodeChallengeDigestOptions): Promise<string> {
    return pkceCalls().then((m) => m.getCodeChallengeDigest(options));
  }

  /**
   * Exchanges an authorization code (from the callback of {@link buildAuthorizeUrl}) for tokens at
   * `{appHost}/{oidc|oauth}/token`, authenticated by `tokenEndPointAuthMethod`.
   * @param code - the `code` query parameter of the callback
   * @param options - codeVerifier (the PKCE verifier), redirectUri (default: the client's)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the token set as the server answers it
   * @throws {@link AuthingProtocolError} e.g. `invalid_grant` for a used, expired or foreign code or a wrong verifier
   * @example
   * // `code` from the callback's query; the verifier kept since buildAuthorizeUrl
   * const tokens = await auth.getAccessTokenByCode('CODE', { codeVerifier: 'VERIFIER' });
   */
  getAccessTokenByCode(code: string, options?: { codeVerifier?: string; redirectUri?: string }, requestOptions?: RequestOptions): Promise<TokenSet> {
    return tokenCalls().then((m) => m.getAccessTokenByCode(this.#ctx.transport, this.#protocol, code, options, requestOptions));
  }

  /**
   * Exchanges the token of a login made with this client's other methods (`loginByUsername`,
   * `loginByPhoneCode`, ...) for OIDC tokens of the app (Authing's `authing_token` grant).
   * @param params - idToken (the login's `token`), scope (default `openid profile`), redirectUri
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the token set as the server answers it
   * @throws {@link AuthingProtocolError} `invalid_grant` for a logged-out, foreign or forged token
   * @example
   * const user = await auth.loginByUsername('alice', 's3cret!');
   * const tokens = await auth.getAccessTokenByIdToken({ idToken: user.token!, scope: 'openid profile offline_access' });
   */
  getAccessTokenByIdToken(params: { idToken: string; redirectUri?: string; scope?: string }, requestOptions?: RequestOptions): Promise<TokenSet> {
    return tokenCalls().then((m) => m.getAccessTokenByIdToken(this.#ctx.transport, this.#protocol, params, requestOptions));
  }

  /**
   * A new token set for a refresh token (`grant_type=refresh_token`).
   * @param refreshToken - from a token set issued with `offline_access`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the new token set
   * @throws {@link AuthingProtocolError} `invalid_grant` for a revoked, expired or used refresh token
   * @example
   * const next = await auth.getNewAccessTokenByRefreshToken('REFRESH_TOKEN');
   */
  getNewAccessTokenByRefreshToken(refreshToken: string, requestOptions?: RequestOptions): Promise<TokenSet> {
    return tokenCalls().then((m) => m.getNewAccessTokenByRefreshToken(this.#ctx.transport, this.#protocol, refreshToken, requestOptions));
  }

  /**
   * An access token for a machine (`grant_type=client_credentials`) with a programmatic access
   * account's key and secret; the token's lifetime is the account's.
   * @param scope - the scope asked for
   * @param credentials - accessKey and accessSecret of the programmatic access account
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the token set (an access token only)
   * @throws {@link AuthingProtocolError} `invalid_client` for a wrong secret or a disabled account
   * @example
   * const { access_token } = await auth.getAccessTokenByClientCredentials('openid', { accessKey: 'AK', accessSecret: 'SK' });
   */
  getAccessTokenByClientCredentials(scope: string, credentials: { accessKey: string; accessSecret: string }, requestOptions?: RequestOptions): Promise<TokenSet> {
    return tokenCalls().then((m) => m.getAccessTokenByClientCredentials(this.#ctx.transport, this.#protocol, scope, credentials, requestOptions));
  }

  /**
   * The user's claims from `{appHost}/{oidc|oauth}/me` for an access token.
   * @param accessToken - an access token with the `openid` scope
   * @param options - method (GET default, or POST) and tokenPlace (query default, header, or body with POST)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `sub` and the claims the token's scopes release
   * @throws {@link AuthingProtocolError} `invalid_token` for an expired or revoked token
   * @example
   * const info = await auth.getUserInfoByAccessToken('ACCESS_TOKEN', { method: 'GET', tokenPlace: 'header' });
   */
  getUserInfoByAccessToken(accessToken: string, options?: UserInfoOptions, requestOptions?: RequestOptions): Promise<UserInfo> {
    return tokenCalls().then((m) => m.getUserInfoByAccessToken(this.#ctx.transport, this.#protocol, accessToken, options, requestOptions));
  }

  /**
   * Asks the provider whether a token is active (RFC 7662), authenticated by `introspectionEndPointAuthMethod`.
   * @param token - an access or refresh token of this app
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ active: false }` for an expired, revoked or unknown token, or another app's; else its claims
   * @example
   * const { active } = await auth.introspectToken('ACCESS_TOKEN');
   */
  introspectToken(token: string, requestOptions?: RequestOptions): Promise<TokenIntrospection> {
    return tokenCalls().then((m) => m.introspectToken(this.#ctx.transport, this.#protocol, token, requestOptions));
  }

  /**
   * Revokes a token (RFC 7009), authenticated by `revocationEndPointAuthMethod`; the tokens issued
   * with it (the same grant) end too.
   * @param token - an access or refresh token of this app
   * @param requestOptions - per-call signal, timeout, headers
   * @returns true (also for an unknown token, as the RFC asks)
   * @example
   * await auth.revokeToken('REFRESH_TOKEN');
   */
  revokeToken(token: string, requestOptions?: RequestOptions): Promise<true> {
    return tokenCalls().then((m) => m.revokeToken(this.#ctx.transport, this.#protocol, token, requestOptions));
  }

  /**
   * Checks an id_token or an access token locally: its signature against the provider's JWKS
   * (fetched once, fetched again for an unknown `kid`) or, for HS256, the app secret; its issuer
   * (`{appHost}/{oidc|oauth}`), audience (the app id) and expiry.
   * @param params - `{ idToken }` or `{ accessToken }`
   * @param requestOptions - per-call signal, timeout, headers (for the JWKS request)
   * @returns the token's claims
   * @throws {@link AuthingAuthenticationError} when the token is forged, expired, of another issuer or app
   * @example
   * const claims = await auth.validateToken({ idToken: 'ID_TOKEN' });
   */
  validateToken(params: ValidateTokenParams, requestOptions?: RequestOptions): Promise<TokenClaims> {
    return tokenCalls().then((m) => m.validateToken(this.#ctx.transport, this.#protocol, params, requestOptions));
  }

  /**
   * Validates a CAS service ticket with CAS 1.0 (`/cas-idp/{appId}/validate`). A ticket is valid once.
   * @param ticket - the `ticket` query parameter the service received
   * @param service - the service URL the ticket was issued for, exactly
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ valid: true, username }`, or `{ valid: false, message }`
   * @example
   * const { valid, username } = await auth.validateTicketV1('ST-TICKET', 'https://app.example.com/cas');
   */
  validateTicketV1(ticket: string, service: string, requestOptions?: RequestOptions): Promise<CasV1Validation> {
    return tokenCalls().then((m) => m.validateTicketV1(this.#ctx.transport, this.#protocol, ticket, service, requestOptions));
  }

  /**
   * Validates a CAS service ticket with CAS 2.0 (`/cas-idp/{appId}/serviceValidate`): the user and
   * their attributes. A ticket is valid once.
   * @param ticket - the `ticket` query parameter the service received
   * @param service - the service URL the ticket was issued for, exactly
   * @param format - `JSON` (default, the parsed answer) or `XML` (the XML text)
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the CAS 2.0 service response
   * @example
   * const answer = await auth.validateTicketV2('ST-TICKET', 'https://app.example.com/cas');
   * if ('authenticationSuccess' in answer.serviceResponse) console.log(answer.serviceResponse.authenticationSuccess.user);
   */
  validateTicketV2(ticket: string, service: string, format?: 'JSON', requestOptions?: RequestOptions): Promise<CasV2Validation>;
  /**
   * Validates a CAS service ticket with CAS 2.0 and answers the XML text (`format: 'XML'`).
   * @param ticket - the `ticket` query parameter the service received
   * @param service - the service URL the ticket was issued for, exactly
   * @param format - `XML`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the `<cas:serviceResponse>` document
   * @example
   * const xml = await auth.validateTicketV2('ST-TICKET', 'https://app.example.com/cas', 'XML');
   */
  validateTicketV2(ticket: string, service: string, format: 'XML', requestOptions?: RequestOptions): Promise<string>;
  validateTicketV2(ticket: string, service: string, format: 'XML' | 'JSON' = 'JSON', requestOptions?: RequestOptions): Promise<CasV2Validation | string> {
    return tokenCalls().then((m) => m.validateTicketV2(this.#ctx.transport, this.#protocol, ticket, service, format, requestOptions));
  }

  /**
   * The browser's single sign-on session at `{appHost}/cas/session` and its user, or null. The
   * session is a cookie of the app's host: call this from a page on that host (or with a fetch that
   * sends its cookies).
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the session and user, or null when the browser is not signed in
   * @example
   * const current = await auth.trackSession();
   */
  trackSession(requestOptions?: RequestOptions): Promise<SsoSessionInfo | null> {
    return tokenCalls().then((m) => m.trackSession(this.#ctx.transport, this.#protocol, requestOptions));
  }
}
