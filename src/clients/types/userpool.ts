/**
 * The user pool's settings (`management.userpool`) and its registration whitelist
 * (`management.whitelist`). authing-local acts on `name`, `registerDisabled`, `whitelist`,
 * `loginFailCheck`, `loginPasswordFailCheck`, `passwordStrength`, `passwordUpdatePolicy` and
 * `hideAccountExistence`; it
 * stores and answers the others as given.
 */
import type { UpdateUserpoolInput, WhitelistType } from '../../generated/graphql.js';

// Plain string-literal union and input type: re-exported as generated.
export type { WhitelistType, UpdateUserpoolInput };

/** A counter setting: `limit` events within `timeInterval` seconds trigger it while `enabled`. */
export interface UserPoolFailCheck {
  timeInterval: number | null;
  limit: number | null;
  enabled: boolean | null;
}

/** An application type the pool was created for. */
export interface UserPoolType {
  code: string | null;
  name: string | null;
  description: string | null;
  image: string | null;
  sdks: (string | null)[] | null;
}

/** Which registration whitelists are enforced. */
export interface UserPoolWhitelistConfig {
  phoneEnabled: boolean | null;
  emailEnabled: boolean | null;
  usernameEnabled: boolean | null;
}

/** A user pool and its settings, as `userpool.detail()` and `userpool.update()` answer it. */
export interface UserPool {
  id: string;
  name: string;
  domain: string;
  description: string | null;
  /** The pool secret. */
  secret: string;
  /** The token signing key; authing-local answers `******`. */
  jwtSecret: string;
  ownerId: string | null;
  userpoolTypes: UserPoolType[] | null;
  logo: string;
  createdAt: string | null;
  updatedAt: string | null;
  emailVerifiedDefault: boolean;
  sendWelcomeEmail: boolean;
  /** Self-registration is closed. */
  registerDisabled: boolean;
  appSsoEnabled: boolean;
  showWxQRCodeWhenRegisterDisabled: boolean | null;
  allowedOrigins: string | null;
  tokenExpiresAfter: number | null;
  isDeleted: boolean | null;
  frequentRegisterCheck: UserPoolFailCheck | null;
  /** Failed logins per client IP: past `limit` in `timeInterval` seconds, logins from it answer 2000. */
  loginFailCheck: UserPoolFailCheck | null;
  passwordUpdatePolicy: { enabled: boolean | null; forcedCycle: number | null; differenceCycle: number | null } | null;
  /** Failed logins per account: past `limit` in `timeInterval` seconds, the account is locked (2000) that long. */
  loginPasswordFailCheck: UserPoolFailCheck | null;
  loginFailStrategy: string | null;
  changePhoneStrategy: { verifyOldPhone: boolean | null } | null;
  changeEmailStrategy: { verifyOldEmail: boolean | null } | null;
  qrcodeLoginStrategy: {
    qrcodeExpiresAfter: number | null;
    returnFullUserInfo: boolean | null;
    allowExchangeUserInfoFromBrowser: boolean | null;
    ticketExpiresAfter: number | null;
  } | null;
  app2WxappLoginStrategy: { ticketExpriresAfter: number | null; ticketExchangeUserInfoNeedSecret: boolean | null } | null;
  whitelist: UserPoolWhitelistConfig | null;
  customSMSProvider: { enabled: boolean | null; provider: string | null; config: string | null } | null;
  packageType: number | null;
  useCustomUserStore: boolean | null;
  loginRequireEmailVerified: boolean | null;
  verifyCodeLength: number | null;
  verifyCodeMaxAttempts: number | null;
  /** authing-local: password strength required at registration and password change (0: any). */
  passwordStrength: number | null;
  /** authing-local: unknown accounts answer a login with 2333, as a wrong password, instead of 2004. */
  hideAccountExistence: boolean | null;
}

/** One value of a registration whitelist (emails in lower case). */
export interface WhiteList {
  createdAt: string | null;
  updatedAt: string | null;
  value: string;
}
