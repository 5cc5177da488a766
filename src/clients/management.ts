/** The ManagementClient: one transport and token provider, shared by lazily created sub-clients. */
import { toAuthingError, type AuthingError } from '../core/errors.js';
import type { FetchLike, Lang, RequestOptions, RetryOptions } from '../core/options.js';
import { ManagementTokenProvider } from '../core/token-provider.js';
import { Transport } from '../core/transport.js';
import { CheckLoginStatusDocument, SendEmailDocument, type EmailScene } from '../generated/graphql.js';
import type { paths } from '../generated/openapi.js';
import { AclClient } from './acl/client.js';
import type { ClientContext } from './context.js';
import { GroupsClient } from './groups.js';
import { MfaManagementClient } from './mfa.js';
import { OrgClient } from './org/client.js';
import { PrincipalManagementClient } from './principal.js';
import { PasswordEncryptor } from './public-key.js';
import { RolesClient } from './roles/client.js';
import type { CommonMessage, UserDetail } from './types.js';
import { UdfClient } from './udf.js';
import { UsersClient } from './users/client.js';
import { StatisticsClient } from './statistics.js';
import { UserActionClient } from './user-action.js';
import { UserpoolClient } from './userpool.js';
import { WhitelistClient } from './whitelist.js';
import { ApplicationsClient } from './applications/client.js';
import { TenantClient } from './tenant/client.js';
import { EventClient } from './event.js';
import { PoliciesClient } from './policies.js';
import { requireId } from './validate.js';

/** Whose live login a token is ({@link ManagementClient.checkLoginStatus}). */
export interface LoginSubject {
  /** The user's id. */
  id: string;
  /** The user's pool. */
  userPoolId: string;
  /** The user's ARN. */
  arn: string;
}

/** The answer of {@link ManagementClient.isPasswordValid}. */
export interface PasswordCheck {
  /** Whether the password meets the pool's rule. */
  valid: boolean;
  /** What the rule asks for, or that it is met. */
  message: string;
}

/** Options of a {@link ManagementClient} besides its credentials. */
export interface ManagementClientBaseOptions {
  /** The user pool to manage. */
  userPoolId: string;
  /** Authing endpoint, e.g. your private deployment. Default {@link DEFAULT_HOST}. */
  host?: string;
  /** Language of server messages. Default {@link DEFAULT_LANG}. */
  lang?: Lang;
  /** Per-attempt timeout in ms (0 disables it). Default {@link DEFAULT_TIMEOUT}. */
  timeout?: number;
  /**
   * Budget of each whole call in ms: the token request, every attempt, a token refresh with its
   * replay, and the waits between retries (0 disables it). Default: the longer of
   * {@link DEFAULT_DEADLINE} and `timeout`, none when `timeout` is 0.
   */
  deadline?: number;
  /** Retry policy for idempotent requests; `false` disables retries. */
  retry?: RetryOptions | false;
  /** Custom fetch (tests, proxies). Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Headers added to every request; an empty value removes a default header. */
  headers?: Record<string, string>;
  /** Observes every error before it is thrown; it cannot change the outcome. */
  onError?: (error: AuthingError) => void;
  /** Value of `x-authing-request-from`. Default {@link DEFAULT_REQUEST_FROM}. */
  requestFrom?: string;
  /** The user pool's RSA public key (PEM); fetched from `/api/v2/.well-known` when absent. */
  publicKey?: string;
}

/** Credentials: the user pool `secret` (tokens are fetched and renewed), or a fixed `accessToken`. */
export type ManagementClientCredentials =
  | { /** The user pool secret. */ secret: string; accessToken?: undefined }
  | { /** A management access token, used as is and never renewed. */ accessToken: string; secret?: undefined };

/** Options of a {@link ManagementClient}: `userPoolId` and either `secret` or `accessToken`. */
export type ManagementClientOptions = ManagementClientBaseOptions & ManagementClientCredentials;

/**
 * Manages a user pool: users, roles, groups, organizations and access control.
 * @example
 * import { ManagementClient } from 'authing-ts';
 * const management = new ManagementClient({ userPoolId: 'POOL_ID', secret: 'POOL_SECRET' });
 * const user = await management.users.create({ username: 'alice', password: 's3cret!' });
 * await management.acl.allow(user.id, 'books:42', 'books:read');
 */
export class ManagementClient {
  /** The user pool this client manages. */
  readonly userPoolId: string;
  readonly #context: ClientContext;
  #users: UsersClient | undefined;
  #roles: RolesClient | undefined;
  #groups: GroupsClient | undefined;
  #org: OrgClient | undefined;
  #acl: AclClient | undefined;
  #udf: UdfClient | undefined;
  #userpool: UserpoolClient | undefined;
  #whitelist: WhitelistClient | undefined;
  #applications: ApplicationsClient | undefined;
  #tenant: TenantClient | undefined;
  #event: EventClient | undefined;
  #policies: PoliciesClient | undefined;
  // --- misc (mfa, principal, sendEmail, checkLoginStatus) ---
  #mfa: MfaManagementClient | undefined;
  #principal: PrincipalManagementClient | undefined;
  #statistics: StatisticsClient | undefined;
  #userAction: UserActionClient | undefined;

  /**
   * @param options - read once; the object is neither kept nor changed
   * @throws {@link AuthingValidationError} when `userPoolId` is missing, when neither (or both) of
   * `secret` and `accessToken` is given, or when `host` / `timeout` are invalid
   */
  constructor(options: ManagementClientOptions) {
    const { userPoolId, secret, accessToken } = options;
    requireId('userPoolId', userPoolId);
    if (!secret === !accessToken) {
      const message = secret ? 'Pass either secret or accessToken, not both' : 'Pass either secret or accessToken';
      throw toAuthingError({ kind: 'validation', argument: 'secret', message });
    }
    let provider: ManagementTokenProvider | undefined;
    const transport = new Transport<paths>({
      host: options.host,
      userPoolId,
      lang: options.lang,
      timeout: options.timeout,
      deadline: options.deadline,
      retry: options.retry,
      fetch: options.fetch,
      headers: options.headers,
      requestFrom: options.requestFrom,
      onError: options.onError,
      getToken: () => provider?.getToken() ?? Promise.resolve(undefined),
      invalidateToken: (rejected) => provider?.invalidate(rejected) ?? false,
    });
    const credentials = secret ? { secret } : { accessToken: accessToken ?? '' };
    provider = new ManagementTokenProvider({ transport, userPoolId, ...credentials });
    this.userPoolId = userPoolId;
    this.#context = { transport, userPoolId, passwords: new PasswordEncryptor(transport, options.publicKey) };
  }

  /** Users, their roles, groups and effective resources. */
  get users(): UsersClient {
    return (this.#users ??= UsersClient.fromContext(this.#context));
  }

  /** Roles within namespaces. */
  get roles(): RolesClient {
    return (this.#roles ??= RolesClient.fromContext(this.#context));
  }

  /** User groups. */
  get groups(): GroupsClient {
    return (this.#groups ??= GroupsClient.fromContext(this.#context));
  }

  /** Organizations, nodes and members. */
  get org(): OrgClient {
    return (this.#org ??= OrgClient.fromContext(this.#context));
  }

  /** Namespaces, resources, grants, checks, programmatic accounts and application access. */
  get acl(): AclClient {
    return (this.#acl ??= AclClient.fromContext(this.#context));
  }

  /** User-defined fields of users, roles, groups and nodes, and the values they hold. */
  get udf(): UdfClient {
    return (this.#udf ??= UdfClient.fromContext(this.#context));
  }

  /** The user pool's settings: registration, login protection, whitelist switches, ... */
  get userpool(): UserpoolClient {
    return (this.#userpool ??= UserpoolClient.fromContext(this.#context));
  }

  /** The registration whitelist of usernames, emails and phones. */
  get whitelist(): WhitelistClient {
    return (this.#whitelist ??= WhitelistClient.fromContext(this.#context));
  }

  /** The pool's applications, their agreements, and the roles, resources and access records of their own namespaces. */
  get applications(): ApplicationsClient {
    return (this.#applications ??= ApplicationsClient.fromContext(this.#context));
  }

  /** Policies (PBAC statements of ALLOW / DENY) and their assignments to users, roles, groups and nodes. */
  get policies(): PoliciesClient {
    return (this.#policies ??= PoliciesClient.fromContext(this.#context));
  }

  /** The pool's tenants, their members and admins, and their external IdP records. */
  get tenant(): TenantClient {
    return (this.#tenant ??= TenantClient.fromContext(this.#context));
  }

  /** Publishing custom events to the pool's event hub (`pub`; the websocket `sub` is not offered). */
  get event(): EventClient {
    return (this.#event ??= EventClient.fromContext(this.#context));
  }

  // --- misc (mfa, principal, sendEmail, checkLoginStatus) ---

  /** The MFA factors of the pool's users: status, removal, TOTP import. */
  get mfa(): MfaManagementClient {
    return (this.#mfa ??= MfaManagementClient.fromContext(this.#context));
  }

  /** Real-name (principal) authentication of the pool's users. */
  get principal(): PrincipalManagementClient {
    return (this.#principal ??= PrincipalManagementClient.fromContext(this.#context));
  }

  /**
   * Sends an email of the pool to an address (`sendEmail`), e.g. a password-reset code
   * (authing-local puts it in its outbox).
   * @param email - the recipient
   * @param scene - what the email is for, e.g. `RESET_PASSWORD`, `VERIFY_EMAIL`, `CHANGE_EMAIL`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the server's `{ code, message }`
   * @throws {@link AuthingValidationError} for a blank email or scene; {@link AuthingError}
   * @example
   * await management.sendEmail('alice@example.com', 'RESET_PASSWORD');
   */
  async sendEmail(email: string, scene: EmailScene, requestOptions?: RequestOptions): Promise<CommonMessage> {
    requireId('email', email);
    requireId('scene', scene);
    return (await this.#context.transport.graphql(SendEmailDocument, { email, scene }, requestOptions)).sendEmail;
  }

  /**
   * Checks a password against the pool's password strength setting (`POST /api/v2/password/check`),
   * the rule registration and password changes apply. The password is sent as is; nothing is stored.
   * @param password - the password to check
   * @param requestOptions - per-call signal, timeout, headers
   * @returns one `{ valid, message }`, the message saying what the rule asks for when not valid
   * @throws {@link AuthingValidationError} when `password` is not a string; {@link AuthingError}
   * @example
   * const [check] = await management.isPasswordValid('abc');
   * if (!check?.valid) console.log(check?.message);
   */
  async isPasswordValid(password: string, requestOptions?: RequestOptions): Promise<PasswordCheck[]> {
    if (typeof password !== 'string') throw toAuthingError({ kind: 'validation', argument: 'password', message: 'password must be a string' });
    return this.#context.transport.rest.POST('/api/v2/password/check', { body: { password } }, requestOptions);
  }

  /**
   * Whether a user token is a live login of this pool. Unlike the official SDK, which only decodes
   * the token, the server checks it (`checkLoginStatus`): signature, expiry and logout.
   * @param token - a user's token
   * @param options - `fetchUserDetail: true` answers the user's details instead of the token's subject
   * @param requestOptions - per-call signal, timeout, headers
   * @returns `{ id, userPoolId, arn }` of the user (or the user's details), null when the token is
   * empty, invalid, expired or logged out
   * @throws {@link AuthingError}
   * @example
   * const who = await management.checkLoginStatus(auth.getToken() ?? '');
   * if (who) console.log('logged in:', who.id);
   */
  checkLoginStatus(token: string, options?: { fetchUserDetail?: false }, requestOptions?: RequestOptions): Promise<LoginSubject | null>;
  /**
   * Whether a user token is a live login of this pool, answered with the user's details.
   * @param token - a user's token
   * @param options - `fetchUserDetail: true`
   * @param requestOptions - per-call signal, timeout, headers
   * @returns the user, null when the token is not a live login
   * @throws {@link AuthingError}
   * @example
   * const user = await management.checkLoginStatus(auth.getToken() ?? '', { fetchUserDetail: true });
   * console.log(user?.username);
   */
  checkLoginStatus(token: string, options: { fetchUserDetail: true }, requestOptions?: RequestOptions): Promise<UserDetail | null>;
  async checkLoginStatus(token: string, options: { fetchUserDetail?: boolean } = {}, requestOptions?: RequestOptions): Promise<LoginSubject | UserDetail | null> {
    if (typeof token !== 'string' || token.trim() === '') return null;
    const status = (await this.#context.transport.graphql(CheckLoginStatusDocument, { token }, { ...requestOptions, auth: false })).checkLoginStatus;
    const subject = status?.status ? status.data : null;
    if (!subject?.id) return null;
    const who: LoginSubject = { id: subject.id, userPoolId: subject.userPoolId ?? this.userPoolId, arn: subject.arn ?? '' };
    return options.fetchUserDetail ? this.users.detail(who.id, {}, requestOptions) : who;
  }

  /** The user action and audit logs. */
  get statistics(): StatisticsClient {
    return (this.#statistics ??= StatisticsClient.fromContext(this.#context));
  }

  /** The user actions as unmapped records (the official SDK's `userAction`). */
  get userAction(): UserActionClient {
    return (this.#userAction ??= UserActionClient.fromContext(this.#context));
  }
}
