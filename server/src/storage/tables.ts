import type { Generated } from 'kysely';

/**
 * Row types of every table. Dialect-neutral on purpose: JSON travels as TEXT and is parsed in
 * code, booleans are integers 0/1, timestamps are ISO-8601 strings, so PostgreSQL can serve the
 * same queries later.
 */

/** 0 or 1; mapped to booleans by the services. */
export type Flag = number;

export interface UserpoolsTable {
  id: string;
  name: string;
  secret: string;
  jwt_secret: string;
  rsa_public_pem: string;
  rsa_private_pem: string;
  created_at: string;
  updated_at: string;
}

export interface ApplicationsTable {
  id: string;
  userpool_id: string;
  name: string;
  identifier: string;
  secret: string;
  description: string | null;
  logo: string | null;
  /** JSON array of strings. */
  redirect_uris: string;
  default_strategy: 'ALLOW_ALL' | 'DENY_ALL';
  permission_enabled: Flag;
  is_default: Flag;
  /** INDIVIDUAL, Tenant or BOTH (`changeApplicationType`). */
  app_type: string;
  /** JSON object: the app's protocol settings (services/oidc-config.ts). */
  oidc_config: string;
  /** JSON object: the app's SAML service provider (services/saml-config.ts); `{}` for none. */
  saml_config: string;
  created_at: string;
  updated_at: string;
}

/** A registration agreement of an application (`applications.*Agreement`). */
export interface AgreementsTable {
  id: Generated<number>;
  userpool_id: string;
  app_id: string;
  title: string;
  required: Flag;
  lang: string;
  /** Position in the app's list, from 0. */
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  userpool_id: string;
  username: string | null;
  /** Stored lower-cased: emails are unique case-insensitively. */
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  /** JSON object with the long tail of `User` fields (nickname, photo, address...). */
  profile: string;
  status: string;
  logins_count: number;
  last_login: string | null;
  last_ip: string | null;
  /** Session generation: user tokens of an older one are void (bumped when the user is blocked). */
  session_version: number;
  created_at: string;
  updated_at: string;
}

export interface NamespacesTable {
  id: Generated<number>;
  userpool_id: string;
  code: string;
  name: string;
  description: string | null;
  status: number;
  /** The application owning the namespace; null for hand-made ones. */
  app_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResourcesTable {
  id: string;
  userpool_id: string;
  namespace_id: number;
  code: string;
  type: string;
  description: string | null;
  /** JSON array of `{name, description}`. */
  actions: string;
  api_identifier: string | null;
  seq: number;
  created_at: string;
  updated_at: string;
}

export interface RolesTable {
  id: string;
  userpool_id: string;
  namespace_id: number;
  code: string;
  description: string | null;
  parent_code: string | null;
  is_system: Flag;
  created_at: string;
  updated_at: string;
}

export interface RoleAssignmentsTable {
  role_id: string;
  holder_type: 'USER' | 'GROUP' | 'NODE';
  holder_id: string;
  userpool_id: string;
  created_at: string;
}

export interface GroupsTable {
  id: string;
  userpool_id: string;
  code: string;
  name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  created_at: string;
}

export interface OrgsTable {
  id: string;
  userpool_id: string;
  root_node_id: string;
  /** The tenant it was created for (`createOrg(tenantId)`); null for most. */
  tenant_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface NodesTable {
  id: string;
  org_id: string;
  userpool_id: string;
  parent_id: string | null;
  name: string;
  name_i18n: string | null;
  code: string | null;
  description: string | null;
  description_i18n: string | null;
  /** The wire's `order` (a reserved word in SQL). */
  sort_order: number | null;
  created_at: string;
  updated_at: string;
}

export interface NodeMembersTable {
  node_id: string;
  user_id: string;
  is_main_department: Flag;
  joined_at: string;
}

export interface GrantsTable {
  id: string;
  userpool_id: string;
  namespace_id: number;
  target_type: 'USER' | 'ROLE' | 'GROUP' | 'ORG' | 'AK_SK';
  /** Internal id: user id, role id, group id, node id or programmatic account id. */
  target_id: string;
  resource: string;
  resource_type: string;
  /** JSON array of strings, or null (granted without actions: MENU/BUTTON). */
  actions: string | null;
  effect: 'ALLOW' | 'DENY';
  seq: number;
  created_at: string;
  updated_at: string;
}

export interface AppAccessTable {
  id: string;
  app_id: string;
  userpool_id: string;
  /** Namespace code the record was made in (meaningful for ROLE targets). */
  namespace: string;
  target_type: 'USER' | 'ROLE' | 'GROUP' | 'ORG';
  /** Internal id: user id, role id, group id or node id. */
  target_id: string;
  effect: 'ALLOW' | 'DENY';
  enabled: Flag;
  inherit_by_children: Flag;
  created_at: string;
  updated_at: string;
}

export interface ProgrammaticAccessAccountsTable {
  id: string;
  app_id: string;
  userpool_id: string;
  secret: string;
  remarks: string | null;
  token_lifetime: number;
  enabled: Flag;
  user_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A user-defined field of one target type (USER, ROLE, GROUP, NODE). */
export interface UdfFieldsTable {
  userpool_id: string;
  target_type: string;
  key: string;
  /** STRING, NUMBER, DATETIME, BOOLEAN, OBJECT or SELECT. */
  data_type: string;
  label: string;
  options: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * One value of a field for one entity, stored decoded (services/custom-data.ts): a STRING as the
 * plain text, a NUMBER / BOOLEAN / OBJECT as JSON, a DATETIME as milliseconds since the epoch.
 * `target_id` is the entity's internal id (a group's id, not its code).
 */
export interface UdfValuesTable {
  userpool_id: string;
  target_type: string;
  target_id: string;
  key: string;
  value: string;
  created_at: string;
  updated_at: string;
}

/** A policy (PBAC): statements in one namespace (services/policies.ts). */
export interface PoliciesTable {
  id: string;
  userpool_id: string;
  namespace_id: number;
  code: string;
  description: string | null;
  /** JSON array of statements `{resource, actions, effect, condition}`. */
  statements: string;
  is_default: Flag;
  is_auto: Flag;
  created_at: string;
  updated_at: string;
}

/** A policy assigned to a target. */
export interface PolicyAssignmentsTable {
  id: string;
  userpool_id: string;
  policy_id: string;
  target_type: 'USER' | 'ROLE' | 'GROUP' | 'ORG';
  /** Internal id: user id, role id, group id or node id. */
  target_id: string;
  inherit_by_children: Flag;
  enabled: Flag;
  created_at: string;
  updated_at: string;
}

/** A deleted user's last row (deleting a user archives it). */
export interface ArchivedUsersTable {
  id: string;
  userpool_id: string;
  username: string | null;
  email: string | null;
  phone: string | null;
  profile: string;
  logins_count: number;
  last_login: string | null;
  last_ip: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string;
}

/** An external identity linked to a user; unique per pool by provider and id at the provider. */
export interface UserIdentitiesTable {
  id: string;
  userpool_id: string;
  user_id: string;
  /** The identity provider's identifier (`wechat`, `github`, …). */
  provider: string;
  user_id_in_idp: string;
  is_social: Flag;
  type: string | null;
  ext_idp_id: string | null;
  created_at: string;
}

/** A user token issued (by `jti`), kept until it expires: who is logged in, and where. */
export interface UserTokensTable {
  jti: string;
  userpool_id: string;
  user_id: string;
  app_id: string | null;
  session_version: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** A message authing-local would have sent (services/outbox.ts). */
export interface OutboxTable {
  id: string;
  userpool_id: string;
  /** What it is, e.g. `FIRST_LOGIN_VERIFY_EMAIL`. */
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  /** JSON of the message's parameters. */
  data: string;
  created_at: string;
}

/** A verification code sent by SMS or mail (services/verification-codes.ts). */
export interface VerificationCodesTable {
  id: string;
  userpool_id: string;
  channel: string;
  recipient: string;
  scene: string;
  code_hash: string;
  attempts: number;
  /** Milliseconds since the epoch. */
  expires_at: number;
  created_at: number;
  consumed_at: number | null;
}

/** A user's password state (services/passwords.ts, migration 0009); times in milliseconds since the epoch. */
export interface UserPasswordsTable {
  user_id: string;
  userpool_id: string;
  /** 1: the next password login answers 1639 with a token to set a new password first. */
  reset_on_first_login: number;
  /** When the password last changed; null counts from the user's creation. */
  changed_at: number | null;
}

/** A single-use first-login / forced-change token, stored hashed (services/passwords.ts, migration 0009). */
export interface PasswordTicketsTable {
  token_hash: string;
  userpool_id: string;
  user_id: string;
  /** `FIRST_LOGIN` or `FORCE_RESET`. */
  kind: string;
  expires_at: number;
  created_at: number;
  consumed_at: number | null;
}

/** A user pool's settings as one JSON document (services/pool-settings.ts). */
export interface UserpoolSettingsTable {
  userpool_id: string;
  settings: string;
  updated_at: string;
}

/** A file sent to `POST /api/v2/upload` (services/uploads.ts, migration 0010). */
export interface UploadsTable {
  id: string;
  userpool_id: string;
  /** Who uploaded it (null for a management token). */
  user_id: string | null;
  /** `folder` of the upload, e.g. `avatar`. */
  folder: string;
  filename: string;
  /** The type its bytes were recognized as (image/png, image/jpeg, image/gif, image/webp). */
  content_type: string;
  size: number;
  bytes: Uint8Array;
  created_at: string;
}

/** A QR-code login (services/qrcode.ts); times in milliseconds since the epoch. */
export interface QrcodesTable {
  random: string;
  userpool_id: string;
  app_id: string;
  scene: string;
  /** 0 unscanned, 1 scanned, 2 confirmed, 3 cancelled (expiry is computed from `expires_at`). */
  status: number;
  user_id: string | null;
  custom_data: string | null;
  context: string | null;
  /** Set at confirmation; cleared when exchanged. */
  ticket: string | null;
  ticket_expires_at: number | null;
  exchanged_at: number | null;
  expires_at: number;
  created_at: number;
}

/** One end-user action (migration 0017): register, login (success or not), logout, profile changes. */
export interface UserActionsTable {
  id: string;
  userpool_id: string;
  /** null when a failed login names no known account. */
  user_id: string | null;
  /** The account as shown: username, email, phone or the identifier a failed login gave. */
  user_name: string | null;
  app_id: string | null;
  client_ip: string;
  operation_name: string;
  /** 1 succeeded, 0 failed (failed logins). */
  success: number;
  /** Epoch milliseconds. */
  timestamp: number;
}

/** One management action (migration 0017): who (operator), what (operation), on which resource. */
export interface AuditLogsTable {
  id: string;
  userpool_id: string;
  /** `admin` for the pool's management token. */
  operator_type: string;
  operator_id: string;
  operator_name: string;
  app_id: string | null;
  client_ip: string;
  operation_name: string;
  resource_type: string;
  resource_desc: string;
  /** Epoch milliseconds. */
  timestamp: number;
}

/** A user's real-name (principal) authentication, at most one per user (migration 0014). */
export interface PrincipalAuthenticationsTable {
  id: string;
  userpool_id: string;
  user_id: string;
  /** `P` a person, `E` an enterprise. */
  principal_type: 'P' | 'E';
  principal_name: string;
  /** The resident id number (P) or the unified social credit code (E). */
  principal_code: string;
  authentication_time: string;
  created_at: string;
  updated_at: string;
}

/** A user's TOTP authenticator (services/mfa.ts); the secret is encrypted with a key of the pool. */
export interface MfaAuthenticatorsTable {
  id: string;
  userpool_id: string;
  user_id: string;
  /** `totp`. */
  type: string;
  secret_enc: string;
  /** 0 until confirmed with a code. */
  enabled: number;
  recovery_code_hash: string;
  /** The last TOTP time step a code was accepted for; older and equal steps are refused. */
  last_step: number | null;
  /** `SELF` or `APPLICATION`, as the SDK sent it. */
  source: string;
  created_at: string;
  updated_at: string;
}

/** An mfaToken issued by a login that needs a second factor (by `jti`). */
/** One thing oidc-provider stores (a session, interaction, grant, code or token), by model and id. */
export interface OidcModelsTable {
  model: string;
  id: string;
  /** JSON: the model's payload as oidc-provider gives it. */
  payload: string;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  /** Seconds since the epoch; null never expires. */
  expires_at: number | null;
  consumed_at: number | null;
}

/** A signing key of the protocol provider, kept so tokens verify across restarts. */
export interface OidcKeysTable {
  kid: string;
  /** JSON: the private JWK. */
  jwk: string;
  created_at: string;
}

/** The SAML identity provider's signing key and certificate. */
export interface SamlCredentialsTable {
  id: string;
  private_key_pem: string;
  certificate_pem: string;
  created_at: string;
}

/** A browser signed in through the CAS login, by the id its session cookie holds. */
export interface CasSessionsTable {
  id: string;
  userpool_id: string;
  user_id: string;
  /** The app the session was opened for. */
  app_id: string;
  created_at: string;
  /** Seconds since the epoch. */
  expires_at: number;
}

/** A CAS service ticket: valid once, for one app and service, for a short time. */
export interface CasTicketsTable {
  ticket: string;
  userpool_id: string;
  app_id: string;
  service: string;
  user_id: string;
  /** Seconds since the epoch. */
  expires_at: number;
  used: Flag;
}

export interface MfaChallengesTable {
  jti: string;
  userpool_id: string;
  user_id: string;
  app_id: string | null;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Wrong codes tried with it; at MFA_MAX_ATTEMPTS the token is spent. */
  attempts: number;
  /** When a step completed the login (milliseconds); the token then completes nothing more. */
  used_at: number | null;
}

/** One value of a pool's registration whitelist (migration 0013); emails in lower case. */
export interface WhitelistsTable {
  userpool_id: string;
  /** USERNAME, EMAIL or PHONE. */
  type: string;
  value: string;
  created_at: string;
  updated_at: string;
}

/** One environment variable of a pool (migration 0018); the value as JSON text. */
export interface UserpoolEnvTable {
  userpool_id: string;
  key: string;
  value_json: string;
  created_at: string;
  updated_at: string;
}

/** `ext_idps` (0021): an external identity provider record; stored only, never contacted. */
export interface ExtIdpsTable {
  id: string;
  userpool_id: string;
  tenant_id: string | null;
  name: string;
  type: string;
  seq: number;
  created_at: string;
  updated_at: string;
}

/** `ext_idp_connections` (0021): `fields` and `user_match_fields` are JSON text; `enabled` 0/1. */
export interface ExtIdpConnectionsTable {
  id: string;
  userpool_id: string;
  ext_idp_id: string;
  type: string;
  identifier: string;
  display_name: string;
  fields: string;
  logo: string | null;
  user_match_fields: string;
  enabled: number;
  seq: number;
  created_at: string;
  updated_at: string;
}

/** `events` (0021): what was published to the event hub; `publisher` 'management' | 'user'. */
export interface EventsTable {
  id: string;
  userpool_id: string;
  event_type: string;
  source: string;
  event_data: string;
  publisher: string;
  user_id: string | null;
  seq: number;
  created_at: string;
}

/** `tenants` (0020): a tenant of the pool (`managementClient.tenant`); JSON text in the object columns. */
export interface TenantsTable {
  id: string;
  userpool_id: string;
  name: string;
  /** Unique in the pool when set. */
  code: string | null;
  logo: string | null;
  description: string | null;
  css: string | null;
  /** JSON object (`ssoPageCustomizationSettings`). */
  sso_page_customization_settings: string | null;
  default_login_tab: string | null;
  default_register_tab: string | null;
  /** JSON (`passwordTabConfig`, `loginTabs`, `registerTabs`, `extendsFields`). */
  password_tab_config: string | null;
  login_tabs: string | null;
  register_tabs: string | null;
  extends_fields: string | null;
  seq: number;
  created_at: string;
  updated_at: string;
}

/** `tenant_apps` (0020): an application of a tenant, in `seq` order. */
export interface TenantAppsTable {
  tenant_id: string;
  app_id: string;
  seq: number;
}

/** `tenant_members` (0020): a user in a tenant; 0/1 flags. */
export interface TenantMembersTable {
  id: string;
  tenant_id: string;
  user_id: string;
  is_admin: number;
  enabled: number;
  seq: number;
  created_at: string;
  updated_at: string;
}

/** The Kysely database interface. */
/** A logged-out user token (by `jti`), until its expiry. */
export interface RevokedTokensTable {
  jti: string;
  userpool_id: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** One committed write's fact changes, for the other processes on the same PostgreSQL database. */
export interface ChangeFeedTable {
  seq: Generated<number>;
  /** The process that wrote it (its own writes reached its index at commit). */
  origin: string;
  /** JSON: the write's FactChange[]. */
  changes: string;
  /** Epoch milliseconds. */
  created_at: number;
}

export interface Database {
  userpools: UserpoolsTable;
  applications: ApplicationsTable;
  agreements: AgreementsTable;
  users: UsersTable;
  namespaces: NamespacesTable;
  resources: ResourcesTable;
  roles: RolesTable;
  role_assignments: RoleAssignmentsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  orgs: OrgsTable;
  nodes: NodesTable;
  node_members: NodeMembersTable;
  grants: GrantsTable;
  app_access: AppAccessTable;
  programmatic_access_accounts: ProgrammaticAccessAccountsTable;
  revoked_tokens: RevokedTokensTable;
  archived_users: ArchivedUsersTable;
  user_identities: UserIdentitiesTable;
  user_tokens: UserTokensTable;
  outbox: OutboxTable;
  policies: PoliciesTable;
  policy_assignments: PolicyAssignmentsTable;
  udf_fields: UdfFieldsTable;
  udf_values: UdfValuesTable;
  verification_codes: VerificationCodesTable;
  userpool_settings: UserpoolSettingsTable;
  whitelists: WhitelistsTable;
  userpool_env: UserpoolEnvTable;
  user_passwords: UserPasswordsTable;
  password_tickets: PasswordTicketsTable;
  uploads: UploadsTable;
  qrcodes: QrcodesTable;
  principal_authentications: PrincipalAuthenticationsTable;
  user_actions: UserActionsTable;
  audit_logs: AuditLogsTable;
  mfa_authenticators: MfaAuthenticatorsTable;
  mfa_challenges: MfaChallengesTable;
  oidc_models: OidcModelsTable;
  oidc_keys: OidcKeysTable;
  cas_sessions: CasSessionsTable;
  cas_tickets: CasTicketsTable;
  saml_credentials: SamlCredentialsTable;
  ext_idps: ExtIdpsTable;
  ext_idp_connections: ExtIdpConnectionsTable;
  events: EventsTable;
  tenants: TenantsTable;
  tenant_apps: TenantAppsTable;
  tenant_members: TenantMembersTable;
  change_feed: ChangeFeedTable;
}
