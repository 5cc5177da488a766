/** Options and result types of the {@link AuthenticationClient}. */
import type { AuthingError } from '../../core/errors.js';
import type { FetchLike, Lang } from '../../core/options.js';
import type { UpdateUserInput, User, UserCustomData, UserWithIdentities } from '../types.js';
import type { Protocol, TokenEndPointAuthMethod } from './protocol-urls.js';

/** Options of an {@link AuthenticationClient}. */
export interface AuthenticationClientOptions {
  /** The application users log in to. */
  appId: string;
  /** The application's host, e.g. `https://my-app.authing.cn`. */
  appHost: string;
  /**
   * Host of Authing's websocket service, where AD logins go. Default: `https://ws.<appHost's
   * domain without its first label>`, as the official SDK derives it; `appHost` itself when it has
   * fewer than three labels or is an IP address.
   */
  websocketHost?: string;
  /** The protocol of {@link AuthenticationClient.buildAuthorizeUrl} and {@link AuthenticationClient.buildLogoutUrl}: `oidc` (default), `oauth`, `saml` or `cas`. */
  protocol?: Protocol;
  /** The callback registered for this application, the default `redirect_uri` of authorize URLs and code exchanges. */
  redirectUri?: string;
  /** The application secret, for the token, introspection and revocation endpoints (server side only: never ship it to a browser). */
  secret?: string;
  /** How the token endpoint is authenticated: `client_secret_post` (default), `client_secret_basic`, or `none` (a public client with PKCE). */
  tokenEndPointAuthMethod?: TokenEndPointAuthMethod;
  /** How the introspection endpoint is authenticated. Default `client_secret_post`. */
  introspectionEndPointAuthMethod?: TokenEndPointAuthMethod;
  /** How the revocation endpoint is authenticated. Default `client_secret_post`. */
  revocationEndPointAuthMethod?: TokenEndPointAuthMethod;
  /** A user token to start with (e.g. restored from your own storage). */
  token?: string;
  /** The user pool's RSA public key (PEM); fetched from `/api/v2/.well-known` when absent. */
  publicKey?: string;
  /** Language of server messages. Default {@link DEFAULT_LANG}. */
  lang?: Lang;
  /** Per-attempt timeout in ms (0 disables it). Default {@link DEFAULT_TIMEOUT}. */
  timeout?: number;
  /**
   * Budget of each whole call in ms, every attempt included (0 disables it). Default: the longer
   * of {@link DEFAULT_DEADLINE} and `timeout`, none when `timeout` is 0.
   */
  deadline?: number;
  /** Custom fetch. Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Headers added to every request; an empty value removes a default header. */
  headers?: Record<string, string>;
  /** Observes every error before it is thrown; it cannot change the outcome. */
  onError?: (error: AuthingError) => void;
}

/** Options shared by the register and login methods. */
export interface SignInOptions {
  clientIp?: string;
  /** Custom data, sent as `params` (a JSON string of `[{ key, value }]`). */
  customData?: Record<string, unknown>;
  /** Request context, passed on to pipelines as a JSON string. */
  context?: Record<string, unknown>;
}

/** Options of the register methods. */
export interface RegisterOptions extends SignInOptions {
  /** Log the user in right away (the returned user carries `token`, which becomes the session). */
  forceLogin?: boolean;
  /** Issue a token without recording a login. */
  generateToken?: boolean;
  /** Proof of the email address (registerByUsername only). */
  emailToken?: string;
  /** Proof of the phone number. */
  phoneToken?: string;
}

/** Options of the login methods. */
export interface LoginOptions extends SignInOptions {
  /** Create the user when it does not exist. */
  autoRegister?: boolean;
  /** Captcha answer, required after repeated failures (error 2000). */
  captchaCode?: string;
}

/** The user a login returns: its `token` becomes the session; with its custom data. */
export interface LoggedInUser extends User {
  /** User-defined data. */
  customData: (UserCustomData | null)[] | null;
}

/** The user of the session (`getCurrentUser`), with its identities and custom data. */
export interface CurrentUser extends UserWithIdentities {
  /** User-defined data. */
  customData: (UserCustomData | null)[] | null;
}

/** Profile fields {@link AuthenticationClient.updateProfile} changes: those of {@link UpdateUserInput} but `password`. */
export interface ProfileUpdates extends Omit<UpdateUserInput, 'password'> {}
