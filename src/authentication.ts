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
  UserStatus,
  UserWithIdentities,
} from './clients/types.js';
export * from './errors.js';
export * from './options.js';
