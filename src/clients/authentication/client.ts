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
import { requireId } from '../validate.js';
import { Session, type AuthContext } from './context.js';
import * as codes from './codes.js';
import * as profile from './profile.js';
import * as signIn from './sign-in.js';
import * as tokens from './tokens.js';
import type {
  AuthenticationClientOptions,
  CurrentUser,
  LoggedInUser,
  LoginOptions,
  ProfileUpdates,
  RegisterOptions,
} from './types.js';

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

  /**
   * @param options - read once; the object is neither kept nor changed
   * @throws {@link AuthingValidationError} when `appId` or `appHost` is missing or invalid
   */
  constructor(options: AuthenticationClientOptions) {
    requireId('appId', options.appId);
    requireId('appHost', options.appHost);
    this.appId = options.appId;
    const session = new Session(options.token);
    const transport = new Transport<paths>({
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
    });
    this.#ctx = { appId: options.appId, transport, session, passwords: new PasswordEncryptor(transport, options.publicKey) };
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


  // ── Bindings, profile, account links, custom data, views, tokens (helper: account) ──

  // ── Sub-clients: mfa, qrcode / wxqrcode / wechatmpqrcode, principal (helpers: mfa, qrcode, account) ──

}
