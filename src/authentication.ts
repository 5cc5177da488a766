/**
 * `authing-ts/authentication`: the {@link AuthenticationClient} for end users of an application,
 * without the ManagementClient.
 * @example
 * import { AuthenticationClient } from 'authing-ts/authentication';
 * const auth = new AuthenticationClient({ appId: 'APP_ID', appHost: 'https://my-app.authing.cn' });
 */
export { AuthenticationClient } from './clients/authentication/client.js';
export type {
  AuthenticationClientOptions,
  CurrentUser,
  LoggedInUser,
  LoginOptions,
  ProfileUpdates,
  RegisterOptions,
  SignInOptions,
} from './clients/authentication/types.js';
export type {
  DirectoryLoginOptions,
  EmailCodeLoginOptions,
  EmailCodeRegisterOptions,
  PasswordEncryptType,
  PhoneCodeLoginOptions,
  PhoneCodeRegisterOptions,
  SignInByCredentialsParams,
  SignInCredentialsOptions,
  SignInDirectoryPayload,
  SignInPassCodePayload,
  SignInPasswordPayload,
  SignInTokens,
  SubAccountLoginOptions,
} from './clients/authentication/sign-in-types.js';
export type { CheckPasswordStrengthResult, FirstLoginResetParams, ForceResetParams } from './clients/authentication/passwords.js';
export { MfaAuthenticationClient } from './clients/authentication/mfa.js';
export type { MfaAuthenticator, MfaTotpAssociation, MfaUser, TotpSource } from './clients/authentication/mfa.js';
export { PrincipalAuthenticationClient } from './clients/authentication/principal.js';
export { EventAuthenticationClient } from './clients/authentication/event.js';
export { SocialAuthenticationClient } from './clients/authentication/social.js';
export type { SocialIdentity } from './clients/authentication/social.js';
export type { PrincipalDetail, PrincipalInput } from './clients/authentication/principal.js';
export { QrCodeAuthenticationClient } from './clients/authentication/qrcode.js';
export { DEFAULT_QRCODE_POLL_INTERVAL, QR_CODE_STATUS } from './clients/authentication/qrcode-types.js';
export type {
  QrCodeGeneOptions,
  QrCodeGenerated,
  QrCodeLoggedInUser,
  QrCodePolling,
  QrCodePollingOptions,
  QrCodePollingOutcome,
  QrCodeScanning,
  QrCodeScanningOptions,
  QrCodeScene,
  QrCodeStatus,
  QrCodeStatusValue,
  QrCodeUserInfo,
} from './clients/authentication/qrcode-types.js';
export type { ApplicationPublicDetail } from './clients/authentication/views.js';
export type { CodeChallengeDigestOptions, CodeChallengeMethod } from './clients/authentication/pkce.js';
export type {
  AuthorizeParams,
  CasAuthorizeParams,
  LogoutUrlParams,
  OauthAuthorizeParams,
  OidcAuthorizeParams,
  Protocol,
  TokenEndPointAuthMethod,
} from './clients/authentication/protocol-urls.js';
export type { CasV1Validation, CasV2Validation, SsoSessionInfo, TokenClaims, TokenIntrospection, TokenSet, UserInfo, UserInfoOptions, ValidateTokenParams } from './clients/authentication/protocol-tokens.js';
export type { AvatarFile, AvatarFileOptions, UploadAvatarOptions } from './clients/authentication/avatar.js';
export type { LinkAccountParams, SecurityLevel, UnlinkAccountParams, UserExistsQuery } from './clients/authentication/bindings.js';
export type {
  AuthorizedResource,
  CustomData,
  CustomDataItem,
  CustomDataValue,
  OrgNode,
  Paginated,
  ResourceType,
  Role,
  UserDepartment,
  UserToken,
} from './clients/types.js';
export type {
  CommonMessage,
  EmailScene,
  Identity,
  LoginStatus,
  LoginStatusData,
  RegisterProfile,
  UdfDataType,
  UpdateUserInput,
  User,
  UserCustomData,
  UserDdfInput,
  UserDetail,
  UserStatus,
  UserWithIdentities,
} from './clients/types.js';
export * from './errors.js';
export * from './options.js';
