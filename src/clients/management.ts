/** The ManagementClient: one transport and token provider, shared by lazily created sub-clients. */
import { toAuthingError, type AuthingError } from '../core/errors.js';
import type { FetchLike, Lang, RetryOptions } from '../core/options.js';
import { ManagementTokenProvider } from '../core/token-provider.js';
import { Transport } from '../core/transport.js';
import type { paths } from '../generated/openapi.js';
import { AclClient } from './acl/client.js';
import type { ClientContext } from './context.js';
import { GroupsClient } from './groups.js';
import { OrgClient } from './org/client.js';
import { PasswordEncryptor } from './public-key.js';
import { RolesClient } from './roles/client.js';
import { UdfClient } from './udf.js';
import { UsersClient } from './users/client.js';
import { UserpoolClient } from './userpool.js';
import { WhitelistClient } from './whitelist.js';
import { requireId } from './validate.js';

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
}
