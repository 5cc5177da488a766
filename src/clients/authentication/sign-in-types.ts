/** Options and results of the code, sub-account, directory and v3 sign-in methods of the {@link AuthenticationClient}. */
import type { RegisterOptions, SignInOptions } from './types.js';

/** Options of `registerByPhoneCode`. */
export interface PhoneCodeRegisterOptions extends Omit<RegisterOptions, 'phoneToken'> {
  /** Country calling code of the phone, e.g. `+86`. */
  phoneCountryCode?: string;
}

/** Options of `registerByEmailCode`. */
export interface EmailCodeRegisterOptions extends Omit<RegisterOptions, 'emailToken'> {}

/** Options of `loginByPhoneCode`. */
export interface PhoneCodeLoginOptions extends SignInOptions {
  /** Country calling code of the phone, e.g. `+86`. */
  phoneCountryCode?: string;
  /** Create the user when no account has the phone (the answer is then `newlyCreated`). */
  autoRegister?: boolean;
}

/** Options of `loginByEmailCode`. */
export interface EmailCodeLoginOptions extends SignInOptions {}

/** Options of `loginBySubAccount`. */
export interface SubAccountLoginOptions {
  /** Captcha answer, required after repeated failures (error 2000). */
  captchaCode?: string;
  clientIp?: string;
}

/** Options of `loginByLdap` and `loginByAd`. */
export interface DirectoryLoginOptions {
  clientIp?: string;
  /** Answer the user with its custom data. */
  withCustomData?: boolean;
}

/** How `signinByCredentials` sends the password: RSA-encrypted (default here), in plaintext, or SM2 (not supported by authing-local). */
export type PasswordEncryptType = 'rsa' | 'none' | 'sm2';

/** Options of `signinByCredentials` (v3 `POST /api/v3/signin`). */
export interface SignInCredentialsOptions {
  /** Scopes of the tokens, space-separated; default `openid profile`. */
  scope?: string;
  clientIp?: string;
  /** Request context, passed on to pipelines. */
  context?: Record<string, unknown>;
  tenantId?: string;
  customData?: Record<string, unknown>;
  /** Register an unknown user first (username, email or phone payloads only, not `account`). */
  autoRegister?: boolean;
  captchaCode?: string;
  captchaToken?: string;
  /**
   * How the SDK sends the password. Default `rsa`: encrypted with the pool's public key (the
   * official SDK defaults to `none`, plaintext over HTTPS). Give the plaintext either way.
   */
  passwordEncryptType?: PasswordEncryptType;
  /** Only the token answer is offered: `id_token token`. */
  responseType?: 'id_token token';
  nonce?: string;
  state?: string;
}

/** A password and the account it belongs to: `account` is a username, email or phone, looked up in that order. */
export interface SignInPasswordPayload {
  password: string;
  account?: string;
  email?: string;
  username?: string;
  phone?: string;
}

/** A one-time code (sent by `sendSmsCode` or `sendEmail`) and where it was sent. */
export interface SignInPassCodePayload {
  passCode: string;
  email?: string;
  phone?: string;
  phoneCountryCode?: string;
}

/** An account of a user directory (LDAP or Windows AD). */
export interface SignInDirectoryPayload {
  /** The account's sAMAccountName. */
  sAMAccountName: string;
  password: string;
}

interface SignInCommon {
  options?: SignInCredentialsOptions;
  /** The application id, when its token endpoint authenticates with `client_secret_post`. */
  client_id?: string;
  client_secret?: string;
}

/** What `signinByCredentials` takes: the payload its `connection` needs, and nothing that does not fit it. */
export type SignInByCredentialsParams =
  | (SignInCommon & { connection: 'PASSWORD'; passwordPayload: SignInPasswordPayload })
  | (SignInCommon & { connection: 'PASSCODE'; passCodePayload: SignInPassCodePayload })
  | (SignInCommon & { connection: 'LDAP'; ldapPayload: SignInDirectoryPayload })
  | (SignInCommon & { connection: 'AD'; adPayload: SignInDirectoryPayload });

/** The tokens `signinByCredentials` answers. */
export interface SignInTokens {
  /** Token for resource APIs (authing-local: the id_token). */
  access_token: string;
  /** The user's identity token; it becomes the session. */
  id_token: string;
  token_type: string;
  /** Seconds until the tokens expire. */
  expire_in: number;
  scope: string;
}
