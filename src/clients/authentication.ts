/** The AuthenticationClient: end-user registration, login and profile, with a per-instance session. */
// The decode module alone: importing 'jose' would load all of it (about 100 ms).
import { decodeJwt } from 'jose/jwt/decode';
import { AuthingAuthenticationError, toAuthingError } from '../core/errors.js';
import type { RequestOptions } from '../core/options.js';
import { Transport } from '../core/transport.js';
import {
  CheckLoginStatusDocument,
  LoginByEmailDocument,
  LoginByUsernameDocument,
  RegisterByEmailDocument,
  RegisterByUsernameDocument,
  UpdateUserDocument,
  UserDocument,
} from '../generated/graphql.js';
import type { paths } from '../generated/openapi.js';
import type {
  AuthenticationClientOptions,
  CurrentUser,
  LoggedInUser,
  LoginOptions,
  ProfileUpdates,
  RegisterOptions,
  SignInOptions,
} from './authentication-types.js';
import { answered } from './context.js';
import { PasswordEncryptor } from './public-key.js';
import type { LoginStatus, RegisterProfile, UpdateUserInput, User } from './types.js';
import { requireId } from './validate.js';

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
  readonly #transport: Transport<paths>;
  readonly #passwords: PasswordEncryptor;
  #token: string | undefined;
  #userId: string | undefined;

  /**
   * @param options - read once; the object is neither kept nor changed
   * @throws {@link AuthingValidationError} when `appId` or `appHost` is missing or invalid
   */
  constructor(options: AuthenticationClientOptions) {
    requireId('appId', options.appId);
    requireId('appHost', options.appHost);
    this.appId = options.appId;
    this.#token = options.token || undefined;
    this.#transport = new Transport<paths>({
      host: options.appHost,
      appId: options.appId,
      lang: options.lang,
      timeout: options.timeout,
      deadline: options.deadline,
      retry: false,
      fetch: options.fetch,
      headers: options.headers,
      onError: options.onError,
      getToken: () => Promise.resolve(this.#token),
    });
    this.#passwords = new PasswordEncryptor(this.#transport, options.publicKey);
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
  async registerByUsername(username: string, password: string, profile?: RegisterProfile, options: RegisterOptions = {}, requestOptions?: RequestOptions): Promise<User> {
    requireId('username', username);
    requireId('password', password);
    const registration = await this.#registerInput(password, profile, options, requestOptions);
    const input = { username, ...registration, emailToken: options.emailToken };
    const { registerByUsername: user } = await this.#transport.graphql(RegisterByUsernameDocument, { input }, requestOptions);
    return this.#remember(answered(user, 'user'));
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
  async registerByEmail(email: string, password: string, profile?: RegisterProfile, options: RegisterOptions = {}, requestOptions?: RequestOptions): Promise<User> {
    requireId('email', email);
    requireId('password', password);
    const input = { email, ...(await this.#registerInput(password, profile, options, requestOptions)) };
    const { registerByEmail: user } = await this.#transport.graphql(RegisterByEmailDocument, { input }, requestOptions);
    return this.#remember(answered(user, 'user'));
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
  async loginByUsername(username: string, password: string, options: LoginOptions = {}, requestOptions?: RequestOptions): Promise<LoggedInUser> {
    requireId('username', username);
    requireId('password', password);
    const input = { username, ...(await this.#loginInput(password, options, requestOptions)) };
    const { loginByUsername: user } = await this.#transport.graphql(LoginByUsernameDocument, { input }, requestOptions);
    return this.#remember(answered(user, 'user'));
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
  async loginByEmail(email: string, password: string, options: LoginOptions = {}, requestOptions?: RequestOptions): Promise<LoggedInUser> {
    requireId('email', email);
    requireId('password', password);
    const input = { email, ...(await this.#loginInput(password, options, requestOptions)) };
    const { loginByEmail: user } = await this.#transport.graphql(LoginByEmailDocument, { input }, requestOptions);
    return this.#remember(answered(user, 'user'));
  }

  /**
   * The user of the session (GraphQL `user` with the session token as Bearer).
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, or null when there is no session
   * @throws {@link AuthingError} e.g. {@link AuthingAuthenticationError} (2020) for an invalid or expired token
   * @example
   * const user = await auth.getCurrentUser();
   */
  async getCurrentUser(requestOptions?: RequestOptions): Promise<CurrentUser | null> {
    if (this.#token === undefined) return null;
    return this.#remember((await this.#transport.graphql(UserDocument, {}, requestOptions)).user, true);
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
  async updateProfile(updates: ProfileUpdates, requestOptions?: RequestOptions): Promise<User> {
    const id = this.#sessionUserId();
    const input: UpdateUserInput = { ...updates };
    delete input.password;
    return this.#remember((await this.#transport.graphql(UpdateUserDocument, { id, input }, requestOptions)).updateUser, true);
  }

  /**
   * Logs the session out of the application (`GET /api/v2/logout?app_id=`) and forgets it.
   * @param requestOptions - per-call signal, timeout, headers
   * @throws {@link AuthingError} (the session is forgotten anyway when the server rejects the token)
   * @example
   * await auth.logout();
   */
  async logout(requestOptions?: RequestOptions): Promise<void> {
    if (this.#token === undefined) return;
    try {
      await this.#transport.rest.GET('/api/v2/logout', { params: { query: { app_id: this.appId } } }, requestOptions);
    } catch (error) {
      if (error instanceof AuthingAuthenticationError) this.#clear();
      throw error;
    }
    this.#clear();
  }

  /**
   * The session token.
   * @returns the token, or null without a session
   * @example
   * const token = auth.getToken();
   * if (token) localStorage.setItem('authing-token', token);
   */
  getToken(): string | null {
    return this.#token ?? null;
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
    this.#token = token;
    this.#userId = undefined;
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
  async checkLoginStatus(token?: string, requestOptions?: RequestOptions): Promise<LoginStatus | null> {
    const variables = { token: token ?? this.#token };
    return (await this.#transport.graphql(CheckLoginStatusDocument, variables, { ...requestOptions, auth: false })).checkLoginStatus;
  }

  async #registerInput(password: string, profile: RegisterProfile | undefined, options: RegisterOptions, requestOptions?: RequestOptions) {
    const { forceLogin, generateToken, phoneToken } = options;
    return { ...(await this.#signInInput(password, options, requestOptions)), profile, forceLogin, generateToken, phoneToken };
  }

  async #loginInput(password: string, options: LoginOptions, requestOptions?: RequestOptions) {
    const { autoRegister, captchaCode } = options;
    return { ...(await this.#signInInput(password, options, requestOptions)), autoRegister, captchaCode };
  }

  async #signInInput(password: string, options: SignInOptions, requestOptions?: RequestOptions) {
    const { clientIp, customData, context } = options;
    return {
      password: await this.#passwords.encrypt(password, requestOptions),
      clientIp,
      params: customData ? JSON.stringify(Object.entries(customData).map(([key, value]) => ({ key, value }))) : undefined,
      context: context ? JSON.stringify(context) : undefined,
    };
  }

  /** Keeps a returned user's token as the session; `sessionUser` marks answers about the session's own user. */
  #remember<T extends { id: string; token?: string | null } | null>(user: T, sessionUser = false): T {
    if (user?.token) {
      this.#token = user.token;
      this.#userId = user.id;
    } else if (user && sessionUser) {
      this.#userId = user.id;
    }
    return user;
  }

  #sessionUserId(): string {
    if (this.#userId) return this.#userId;
    const token = this.#token;
    const claims = token === undefined ? undefined : safeDecode(token);
    const data = claims?.data;
    const id = claims?.sub ?? (typeof data === 'object' && data !== null && 'id' in data ? data.id : undefined);
    if (typeof id === 'string' && id) return id;
    throw toAuthingError({ kind: 'authentication', message: 'Not logged in: log in or call setToken() first' });
  }

  #clear(): void {
    this.#token = undefined;
    this.#userId = undefined;
  }
}

function safeDecode(token: string): ReturnType<typeof decodeJwt> | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}
