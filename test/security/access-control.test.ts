import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalAuthing, type LocalAuthing, type PoolCredentials } from 'authing-local';
import { SignJWT } from 'jose';
import Libsql from 'libsql';
import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allOperations, pathsToUsers, type Dummies, type Operation } from './operations.js';

/**
 * The access-control matrix: every operation of the SDL and of the OpenAPI document, called with
 * every kind of credential that must not work, over real HTTP against a fresh authing-local.
 */

type Access = 'management' | 'end-user' | 'public' | 'mfa';

/**
 * The one classification. `end-user` operations serve a user token for the caller's own data (and
 * management for anyone's); `public` ones need no token; `mfa` ones take the mfaToken of a login
 * answered 1635 (a few also the user's own token: their flows are test/integration/auth-mfa.test.ts),
 * and refuse every other credential here. Every other operation is management. An
 * operation missing here (a new schema field or REST path) fails the first test until classified.
 */
const ACCESS: Record<string, Access> = {
  'Query.accessToken': 'public',
  'Query.checkLoginStatus': 'public',
  'Query.isUserExists': 'public',
  'Mutation.registerByUsername': 'public',
  'Mutation.registerByEmail': 'public',
  'Mutation.loginByUsername': 'public',
  'Mutation.loginByEmail': 'public',
  'Mutation.registerByPhoneCode': 'public',
  'Mutation.loginByPhoneCode': 'public',
  'Mutation.loginByPhonePassword': 'public',
  'Mutation.loginBySubAccount': 'public',
  'REST loginByEmailCode': 'public',
  'REST registerByEmailCode': 'public',
  'REST loginByLdap': 'public',
  'REST loginByAd': 'public',
  'REST signinByCredentials': 'public',
  'REST getWellKnown': 'public',
  'REST linkAccount': 'public',
  'REST unlinkAccount': 'public',
  'REST geneQrCode': 'public',
  'REST checkQrCodeStatus': 'public',
  'REST exchangeQrCodeUserInfo': 'public',
  'REST sendSmsCode': 'public',
  'REST generateLinkExtIdpUrl': 'public',
  'Mutation.sendEmail': 'public',
  'Query.checkPasswordStrength': 'public',
  'Mutation.resetPassword': 'public',
  'Mutation.resetPasswordByFirstLoginToken': 'public',
  'Mutation.resetPasswordByForceResetToken': 'public',

  'Query.user': 'end-user',
  'Mutation.updateUser': 'end-user',
  'Mutation.updatePassword': 'end-user',
  'Mutation.refreshToken': 'end-user',
  'REST getCurrentUser': 'end-user',
  'REST getIdentities': 'end-user',
  'REST unlinkExtIdp': 'end-user',
  'REST getUser': 'end-user',
  'REST logout': 'end-user',
  'REST getMfaAuthenticators': 'mfa',
  'REST associateMfaAuthenticator': 'mfa',
  'REST deleteMfaAuthenticator': 'end-user',
  'REST confirmAssociateMfaAuthenticator': 'mfa',
  'REST verifyTotpMfa': 'mfa',
  'REST verifyTotpRecoveryCode': 'mfa',
  'REST verifyAppSmsMfa': 'mfa',
  'REST verifyAppEmailMfa': 'mfa',
  'REST checkMfaPhoneOrEmailBindable': 'mfa',
  'REST associateFaceMfa': 'mfa',
  'REST verifyFaceMfa': 'mfa',
  'Mutation.bindPhone': 'end-user',
  'Mutation.bindEmail': 'end-user',
  'Mutation.unbindPhone': 'end-user',
  'Mutation.unbindEmail': 'end-user',
  'Mutation.updatePhone': 'end-user',
  'Mutation.updateEmail': 'end-user',
  'REST getSecurityLevel': 'end-user',
  'REST uploadFile': 'end-user',
  'REST logoutUser': 'end-user',
  'REST listMyOrgs': 'end-user',
  'REST listMyAllowedApplications': 'end-user',
  'REST getMyPrincipalAuthentication': 'end-user',
  'REST authenticateMyPrincipal': 'end-user',
  'Query.udv': 'end-user',
  'Mutation.setUdv': 'end-user',
  'Mutation.setUdvBatch': 'end-user',
  'Mutation.removeUdv': 'end-user',

  'Query.isActionAllowed': 'management',
  'Query.isActionDenied': 'management',
  'Query.authorizedResources': 'management',
  'Query.authorizedTargets': 'management',
  'Query.group': 'management',
  'Query.groups': 'management',
  'Query.org': 'management',
  'Query.orgs': 'management',
  'Query.nodeById': 'management',
  'Query.nodeByCode': 'management',
  'Query.childrenNodes': 'management',
  'Query.rootNode': 'management',
  'Query.isRootNode': 'management',
  'Query.searchNodes': 'management',
  'Query.role': 'management',
  'Query.roles': 'management',
  'Query.policyAssignments': 'management',
  'Query.policy': 'management',
  'Query.policies': 'management',
  'Query.users': 'management',
  'Mutation.refreshAccessToken': 'management',
  'Mutation.allow': 'management',
  'Mutation.authorizeResource': 'management',
  'Mutation.createGroup': 'management',
  'Mutation.updateGroup': 'management',
  'Mutation.deleteGroups': 'management',
  'Mutation.addUserToGroup': 'management',
  'Mutation.removeUserFromGroup': 'management',
  'Mutation.createOrg': 'management',
  'Mutation.deleteOrg': 'management',
  'Mutation.addNodeV2': 'management',
  'Mutation.updateNode': 'management',
  'Mutation.deleteNode': 'management',
  'Mutation.addNode': 'management',
  'Mutation.moveNode': 'management',
  'Mutation.moveMembers': 'management',
  'Mutation.setMainDepartment': 'management',
  'Mutation.addMember': 'management',
  'Mutation.removeMember': 'management',
  'Mutation.createRole': 'management',
  'Mutation.updateRole': 'management',
  'Mutation.deleteRole': 'management',
  'Mutation.deleteRoles': 'management',
  'Mutation.assignRole': 'management',
  'Mutation.revokeRole': 'management',
  'Mutation.addPolicyAssignments': 'management',
  'Mutation.createPolicy': 'management',
  'Mutation.updatePolicy': 'management',
  'Mutation.deletePolicy': 'management',
  'Mutation.deletePolicies': 'management',
  'Mutation.enablePolicyAssignment': 'management',
  'Mutation.disbalePolicyAssignment': 'management',
  'Mutation.removePolicyAssignments': 'management',
  'Mutation.createUser': 'management',
  'Mutation.deleteUser': 'management',
  'Mutation.deleteUsers': 'management',
  'Query.udf': 'management',
  'Query.udfValueBatch': 'management',
  'Mutation.setUdf': 'management',
  'Mutation.removeUdf': 'management',
  'Mutation.setUdfValueBatch': 'management',
  'Query.archivedUsers': 'management',
  'Query.findUser': 'management',
  'Query.searchUser': 'management',
  'Query.userBatch': 'management',
  'Mutation.sendFirstLoginVerifyEmail': 'management',
  'REST batchUsers': 'management',
  'REST filterUsers': 'management',
  'REST kickUsers': 'management',
  'REST getUserLoginStatus': 'management',
  'REST linkUserIdentity': 'management',
  'REST unlinkUserIdentity': 'management',
  'REST listUserOrgs': 'management',
  'REST userHasRole': 'management',
  'REST resignUser': 'management',
  'REST resignUserBatch': 'management',
  'REST isAllowed': 'management',
  'REST revokeResource': 'management',
  'REST authorizeResources': 'management',
  'REST revokeResources': 'management',
  'REST listAuthorizedResourcesBatch': 'management',
  'REST findRoleUsers': 'management',
  'REST checkResourcePermissionBatch': 'management',
  'REST getAuthorizedResourcesOfResourceKind': 'management',
  'REST listOrgPage': 'management',
  'REST countOrgs': 'management',
  'REST listOrgsByTenant': 'management',
  'REST exportOrgs': 'management',
  'REST importOrg': 'management',
  'REST startEnterpriseSync': 'management',
  'REST startAdSync': 'management',
  'REST listNamespaces': 'management',
  'REST createNamespace': 'management',
  'REST updateNamespaceByCode': 'management',
  'REST deleteNamespaceByCode': 'management',
  'REST updateNamespaceById': 'management',
  'REST deleteNamespaceById': 'management',
  'REST listResources': 'management',
  'REST createResource': 'management',
  'REST getResourceDetail': 'management',
  'REST updateResource': 'management',
  'REST deleteResource': 'management',
  'REST getApplication': 'management',
  'REST updateApplication': 'management',
  'REST deleteApplication': 'management',
  'REST listApplications': 'management',
  'REST createApplication': 'management',
  'REST listApplicationActiveUsers': 'management',
  'REST refreshApplicationSecret': 'management',
  'REST listTenants': 'management',
  'REST createTenant': 'management',
  'REST getTenant': 'management',
  'REST updateTenant': 'management',
  'REST deleteTenant': 'management',
  'REST listTenantMembers': 'management',
  'REST addTenantMembers': 'management',
  'REST removeTenantMember': 'management',
  'REST setTenantAdmins': 'management',
  'REST deleteTenantAdmin': 'management',
  'REST updateTenantMember': 'management',
  'REST getUserTenants': 'management',
  'REST getApplicationTenants': 'management',
  'REST listApplicationAgreements': 'management',
  'REST createApplicationAgreement': 'management',
  'REST sortApplicationAgreements': 'management',
  'REST updateApplicationAgreement': 'management',
  'REST deleteApplicationAgreement': 'management',
  'REST listProgrammaticAccessAccounts': 'management',
  'REST getPoliciesAssignmentsCondition': 'management',
  'REST createProgrammaticAccessAccount': 'management',
  'REST updateProgrammaticAccessAccount': 'management',
  'REST deleteProgrammaticAccessAccount': 'management',
  'REST listApplicationAccessRecords': 'management',
  'REST allowApplicationAccess': 'management',
  'REST denyApplicationAccess': 'management',
  'REST revokeApplicationAccess': 'management',
  'REST enableApplicationAccess': 'management',
  'REST disableApplicationAccess': 'management',
  'Query.userpool': 'management',
  'Query.whitelist': 'management',
  'Mutation.updateUserpool': 'management',
  'Mutation.addWhitelist': 'management',
  'Mutation.removeWhitelist': 'management',
  'REST getUserpoolDetail': 'management',
  'REST listUserpoolEnv': 'management',
  'REST listUserActions': 'management',
  'REST listAuditLogs': 'management',
  'REST getApplicationLoginUserNum': 'management',
  'REST getUdfFieldUserNum': 'management',
  'REST addUserpoolEnv': 'management',
  'REST removeUserpoolEnv': 'management',
  'REST listExtIdp': 'management',
  'REST createExtIdp': 'management',
  'REST extIdpDetail': 'management',
  'REST updateExtIdp': 'management',
  'REST deleteExtIdp': 'management',
  'REST batchChangeExtIdpConnectionState': 'management',
  'REST createExtIdpConnection': 'management',
  'REST updateExtIdpConnection': 'management',
  'REST deleteExtIdpConnection': 'management',
  'REST changeExtIdpConnectionState': 'management',
  'REST checkExtIdpConnectionIdentifier': 'management',
  'REST batchInsertResource': 'management',
  'REST pubEvent': 'management',
  'REST pubUserEvent': 'end-user',
  'REST checkPasswordValid': 'management',
  'REST getUserMfaStatus': 'management',
  'REST unbindUserMfa': 'management',
  'REST importUserTotp': 'management',
  'REST getUserPrincipalAuthentication': 'management',
  'REST authenticateUserPrincipal': 'management',
};

/**
 * End-user operations whose own call needs what no dummy carries (a verification code sent to the
 * caller, a bound phone or email to unbind, a multipart file): served means the caller's call gets
 * past the access check to the operation's own refusal, a domain code that is neither 2020 nor 403.
 */
const NEEDS_PROOF = new Set([
  'Mutation.bindPhone',
  'Mutation.bindEmail',
  'Mutation.unbindPhone',
  'Mutation.unbindEmail',
  'Mutation.updatePhone',
  'Mutation.updateEmail',
  'REST uploadFile',
  // Needs an identity of that external IdP linked to the caller: the dummy id names none (3902).
  'REST unlinkExtIdp',
]);

/**
 * Arguments that replace the dummies (for every credential) where the dummy would not name data a
 * user may own: the first UDFTargetType is NODE, not USER (field `x` is defined for USER in
 * `beforeAll`), a principal authentication needs a valid id number, and a password change the
 * caller's current password.
 */
const MEANINGFUL: Record<string, (d: Dummies) => Record<string, unknown>> = {
  'Mutation.updatePassword': () => ({ newPassword: 'pw-matrix-1', oldPassword: 'pw-matrix-1' }),
  'Query.udv': (d) => ({ targetType: 'USER', targetId: d.userId }),
  'Mutation.setUdv': (d) => ({ targetType: 'USER', targetId: d.userId }),
  'Mutation.setUdvBatch': (d) => ({ targetType: 'USER', targetId: d.userId }),
  'Mutation.removeUdv': (d) => ({ targetType: 'USER', targetId: d.userId }),
  'REST authenticateMyPrincipal': () => ({ type: 'P', name: '张三', idCard: '11010519491231002X', ext: '6222020200001234567' }),
};

/** The credentials every management operation must refuse (an end-user token: except end-user operations). */
const CREDENTIALS = [
  'none',
  'garbage',
  'alg-none',
  'wrong-key',
  'expired',
  'other-pool-management',
  'end-user',
  'logged-out',
  'mfa-token',
  'disabled-programmatic',
] as const;
type Credential = (typeof CREDENTIALS)[number];

/** What a refusal may say: not logged in / bad token (2020) or not allowed (403). */
const REFUSALS = [2020, 403];

const operations = allOperations();
const dir = mkdtempSync(join(tmpdir(), 'authing-local-matrix-'));
const logged: unknown[] = [];
let s: LocalAuthing;
let other: PoolCredentials;
const tokens = {} as Record<Exclude<Credential, 'none'>, string>;
const users = { caller: '', callerName: '', victim: '', victimName: '' };
let victimBefore: unknown;
let accountSecret = '';

/** Every answer of the matrix, for the leak checks. */
const answers: Array<{ label: string; status: number; text: string }> = [];

interface Answer {
  status: number;
  text: string;
  /** Authing's business code of the (first) failure, or 200. */
  code: number;
  /** Every error's code (GraphQL may answer data and errors for nested fields at once). */
  codes: unknown[];
  message: unknown;
  /** The operation's own result was produced (GraphQL data for the field, or the REST envelope's 200). */
  succeeded: boolean;
}

const headersFor = (credential: string | null, extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'x-authing-userpool-id': s.userPoolId,
  'x-authing-app-id': s.appId,
  ...(credential === null ? {} : { authorization: `Bearer ${credential}` }),
  ...extra,
});

async function send(op: Operation, credential: string | null, d: Dummies, label: string, withOptionalIds = false, selection?: string): Promise<Answer> {
  if (op.transport === 'graphql') {
    const body = op.request({ ...d, optional: Object.keys(MEANINGFUL[op.key]?.(d) ?? {}) }, withOptionalIds, selection);
    Object.assign(body.variables, MEANINGFUL[op.key]?.(d));
    const res = await fetch(`${s.url}/graphql/v2`, { method: 'POST', headers: headersFor(credential), body: JSON.stringify(body) });
    const text = await res.text();
    answers.push({ label, status: res.status, text });
    const json = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: Array<{ message: { code: unknown; message: unknown } }> };
    const error = json.errors?.[0]?.message;
    const succeeded = !json.errors?.length && json.data?.[op.field] !== undefined;
    const codes = (json.errors ?? []).map((e) => e.message.code);
    return { status: res.status, text, code: typeof error?.code === 'number' ? error.code : succeeded ? 200 : NaN, codes, message: error?.message, succeeded };
  }
  const request = op.request(d);
  const res = await fetch(`${s.url}${request.url}`, {
    method: request.method,
    headers: headersFor(credential),
    body: request.body === undefined ? undefined : JSON.stringify({ ...(request.body as object), ...MEANINGFUL[op.key]?.(d) }),
  });
  const text = await res.text();
  answers.push({ label, status: res.status, text });
  const json = JSON.parse(text) as { code?: unknown; statusCode?: unknown; apiCode?: unknown; message?: unknown };
  // v3 paths answer `{statusCode, apiCode, message}`: the business code is `apiCode` (200 `statusCode` on success).
  const business = json.code ?? json.apiCode ?? (json.statusCode === 200 ? 200 : undefined);
  const code = typeof business === 'number' ? business : NaN;
  return { status: res.status, text, code, codes: [code], message: json.message, succeeded: code === 200 };
}

async function gql<T>(query: string, variables: Record<string, unknown>, credential: string | null, extra: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`${s.url}/graphql/v2`, { method: 'POST', headers: headersFor(credential, extra), body: JSON.stringify({ query, variables }) });
  const json = (await res.json()) as { data: T; errors?: unknown };
  if (json.errors) throw new Error(`setup failed: ${JSON.stringify(json.errors)}`);
  return json.data;
}

const adminToken = async (pool: PoolCredentials) =>
  (
    await gql<{ accessToken: { accessToken: string } }>(
      'query($id: String!, $secret: String!) { accessToken(userPoolId: $id, secret: $secret) { accessToken } }',
      { id: pool.userPoolId, secret: pool.secret },
      null,
      { 'x-authing-userpool-id': pool.userPoolId, 'x-authing-app-id': pool.appId },
    )
  ).accessToken.accessToken;

const login = async (username: string) =>
  (await gql<{ loginByUsername: { token: string } }>('mutation($u: String!) { loginByUsername(input: { username: $u, password: "pw-matrix-1" }) { token } }', { u: username }, null))
    .loginByUsername.token;

/** The mfaToken of a login answered 1635: a third user binds a TOTP authenticator, then logs in. */
async function mfaToken(admin: string): Promise<string> {
  const username = `mfa_${randomBytes(3).toString('hex')}`;
  await gql('mutation($u: CreateUserInput!) { createUser(userInfo: $u) { id } }', { u: { username, password: 'pw-matrix-1' } }, admin);
  const rest = async (path: string, token: string, body: unknown) =>
    ((await (await fetch(`${s.url}${path}`, { method: 'POST', headers: headersFor(token), body: JSON.stringify(body) })).json()) as { data: { secret: string } }).data;
  const userToken = await login(username);
  const { secret } = await rest('/api/v2/mfa/totp/associate', userToken, { authenticator_type: 'totp' });
  await rest('/api/v2/mfa/totp/associate/confirm', userToken, { authenticator_type: 'totp', totp: generateSync({ secret }) });
  const res = await fetch(`${s.url}/graphql/v2`, {
    method: 'POST',
    headers: headersFor(null),
    body: JSON.stringify({ query: 'mutation($u: String!) { loginByUsername(input: { username: $u, password: "pw-matrix-1" }) { token } }', variables: { u: username } }),
  });
  const json = (await res.json()) as { errors: Array<{ message: { code: number; data: { mfaToken: string } } }> };
  expect(json.errors[0]?.message.code).toBe(1635);
  return json.errors[0]!.message.data.mfaToken;
}

const VICTIM_FIELDS = 'id username nickname email blocked loginsCount lastLogin updatedAt roles { totalCount } groups { totalCount } departments { totalCount }';

/** The database, read directly: the secrets that no answer may contain. */
function storedSecrets(): string[] {
  const db = new Libsql(join(dir, 'matrix.db'), { readonly: true });
  try {
    const rows = (sql: string) => db.prepare(sql).all() as Array<Record<string, string>>;
    const pools = rows('SELECT secret, jwt_secret, rsa_private_pem FROM userpools');
    const pemLines = pools.flatMap((p) => (p.rsa_private_pem ?? '').split('\n').filter((l) => l.length >= 32 && !l.startsWith('-----')));
    return [
      ...pools.flatMap((p) => [p.secret ?? '', p.jwt_secret ?? '']),
      ...rows('SELECT secret FROM applications').map((r) => r.secret ?? ''),
      ...rows('SELECT secret FROM programmatic_access_accounts').map((r) => r.secret ?? ''),
      ...rows('SELECT password_hash FROM users WHERE password_hash IS NOT NULL').map((r) => r.password_hash ?? ''),
      ...pemLines,
    ].filter((v) => v.length >= 16);
  } finally {
    db.close();
  }
}

const mainPoolKeys = () => {
  const db = new Libsql(join(dir, 'matrix.db'), { readonly: true });
  try {
    return db.prepare('SELECT jwt_secret FROM userpools WHERE id = ?').get(s.userPoolId) as { jwt_secret: string };
  } finally {
    db.close();
  }
};

const managementClaims = () => ({ data: { type: 'userpool', userPoolId: s.userPoolId, id: s.userPoolId } });
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

beforeAll(async () => {
  s = await startLocalAuthing({ port: 0, db: join(dir, 'matrix.db'), log: (e) => logged.push(e) });
  other = await s.createUserPool('Another pool');
  const admin = await adminToken(s);
  const now = Math.floor(Date.now() / 1000);

  users.callerName = `caller_${randomBytes(3).toString('hex')}`;
  users.victimName = `victim_${randomBytes(3).toString('hex')}`;
  const create = (username: string) =>
    gql<{ createUser: { id: string } }>('mutation($u: CreateUserInput!) { createUser(userInfo: $u) { id } }', { u: { username, password: 'pw-matrix-1' } }, admin);
  users.caller = (await create(users.callerName)).createUser.id;
  users.victim = (await create(users.victimName)).createUser.id;
  await gql('mutation { createRole(code: "shared") { code } createGroup(code: "shared", name: "Shared") { code } }', {}, admin);
  await gql('mutation { setUdf(targetType: USER, key: "x", dataType: STRING, label: "x") { key } }', {}, admin);
  await gql(
    'mutation($u: [String!]!) { assignRole(roleCode: "shared", userIds: $u) { code } addUserToGroup(code: "shared", userIds: $u) { code } }',
    { u: [users.caller, users.victim] },
    admin,
  );
  const org = await gql<{ createOrg: { rootNode: { id: string } } }>('mutation { createOrg(name: "Shared") { rootNode { id } } }', {}, admin);
  await gql('mutation($n: String, $u: [String!]!) { addMember(nodeId: $n, userIds: $u) { id } }', { n: org.createOrg.rootNode.id, u: [users.caller, users.victim] }, admin);
  victimBefore = await gql('query($id: String) { user(id: $id) { ' + VICTIM_FIELDS + ' } }', { id: users.victim }, admin);

  tokens.garbage = 'garbage';
  tokens['alg-none'] = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...managementClaims(), iat: now, exp: now + 3600 })}.`;
  tokens['wrong-key'] = await new SignJWT(managementClaims()).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(now).setExpirationTime(now + 3600).sign(randomBytes(32));
  tokens.expired = await new SignJWT(managementClaims())
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now - 8 * 24 * 3600)
    .setExpirationTime(now - 60)
    .setIssuer(s.url)
    .sign(new TextEncoder().encode(mainPoolKeys().jwt_secret));
  tokens['other-pool-management'] = await adminToken(other);
  tokens['end-user'] = await login(users.callerName);
  tokens['logged-out'] = await login(users.callerName);
  const out = await fetch(`${s.url}/api/v2/logout?app_id=${s.appId}`, { headers: headersFor(tokens['logged-out']) });
  expect(((await out.json()) as { code: number }).code).toBe(200);
  tokens['mfa-token'] = await mfaToken(admin);

  // A programmatic access account, disabled: what a caller holding its key pair could present.
  const created = await fetch(`${s.url}/api/v2/applications/${s.appId}/programmatic-access-accounts`, { method: 'POST', headers: headersFor(admin), body: '{}' });
  const account = ((await created.json()) as { data: { id: string; secret: string } }).data;
  accountSecret = account.secret;
  await fetch(`${s.url}/api/v2/applications/programmatic-access-accounts`, { method: 'PATCH', headers: headersFor(admin), body: JSON.stringify({ id: account.id, enabled: false }) });
  tokens['disabled-programmatic'] = await new SignJWT({ ...managementClaims(), scope: '*' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(account.id)
    .setAudience(s.appId)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode(account.secret));
});

afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const victimDummies = (): Dummies => ({ userId: users.victim, userPoolId: s.userPoolId, appId: s.appId });
const ownDummies = (): Dummies => ({ userId: users.caller, userPoolId: s.userPoolId, appId: s.appId });

/**
 * The Authing shape of a refusal: a numeric business code among REFUSALS and a message string,
 * never a 5xx. Soft, so one run lists every hole of the matrix, not just the first.
 */
function expectAuthingRefusal(answer: Answer, label: string) {
  expect.soft(answer.status, label).toBeLessThan(500);
  expect.soft(answer.succeeded, `${label} succeeded: ${answer.text}`).toBe(false);
  expect.soft(typeof answer.message, label).toBe('string');
  expect.soft(REFUSALS, `${label} answered ${answer.text}`).toContain(answer.code);
}

const mentionsVictim = (text: string) => text.includes(users.victim) || text.includes(users.victimName);

describe('access-control matrix', () => {
  it('classifies every operation of the schemas, and nothing else', () => {
    const keys = operations.map((o) => o.key);
    expect(keys.filter((k) => !(k in ACCESS)), 'operations to classify in ACCESS').toEqual([]);
    expect(Object.keys(ACCESS).filter((k) => !keys.includes(k)), 'ACCESS entries without an operation').toEqual([]);
  });

  it('refuses every management and end-user operation to every bad credential, in Authing shape', async () => {
    let calls = 0;
    for (const op of operations) {
      const access = ACCESS[op.key];
      if (access === 'public') continue;
      for (const credential of CREDENTIALS) {
        if (credential === 'end-user' && access === 'end-user') continue;
        if ((credential === 'end-user' || credential === 'mfa-token') && access === 'mfa') continue;
        const token = credential === 'none' ? null : tokens[credential];
        const label = `${op.key} with ${credential}`;
        expectAuthingRefusal(await send(op, token, victimDummies(), label), label);
        calls += 1;
      }
    }
    expect(calls).toBeGreaterThan(500);
  });

  it("serves end-user operations to a user token for the caller's own data only", async () => {
    for (const op of operations.filter((o) => ACCESS[o.key] === 'end-user')) {
      // A fresh session per operation: logout ends the one it is given.
      const own = await send(op, await login(users.callerName), ownDummies(), `${op.key} own`);
      if (NEEDS_PROOF.has(op.key)) {
        expect.soft(own.status, op.key).toBeLessThan(500);
        expect.soft(REFUSALS.includes(own.code) || Number.isNaN(own.code), `${op.key} on the caller's own data: ${own.text}`).toBe(false);
        expect.soft(mentionsVictim(own.text), op.key).toBe(false);
        continue;
      }
      expect.soft(own.succeeded, `${op.key} on the caller's own data: ${own.text}`).toBe(true);
      expect.soft(mentionsVictim(own.text), op.key).toBe(false);

      // Every path from the caller's own user to other users (roles' users, groups' users, …) is closed.
      const deep = op.transport === 'graphql' && op.returns === 'User' ? pathsToUsers('User') : null;
      if (deep) {
        const nested = await send(op, await login(users.callerName), ownDummies(), `${op.key} nested`, false, deep);
        expect.soft(mentionsVictim(nested.text), `${op.key} nested: ${nested.text}`).toBe(false);
        expect.soft(nested.codes.length, `${op.key} nested`).toBeGreaterThan(0);
        expect.soft(new Set(nested.codes), `${op.key} nested`).toEqual(new Set([403]));
      }

      const label = `${op.key} on another user`;
      const aimed = await send(op, await login(users.callerName), victimDummies(), label, true);
      expect.soft(mentionsVictim(aimed.text), `${label}: ${aimed.text}`).toBe(false);
      const takesAnId = JSON.stringify(op.request(victimDummies(), true)).includes(users.victim);
      if (takesAnId) expectAuthingRefusal(aimed, label);
    }
  });

  it('answers public operations to every credential without a server error', async () => {
    for (const op of operations.filter((o) => ACCESS[o.key] === 'public')) {
      for (const credential of CREDENTIALS) {
        const token = credential === 'none' ? null : tokens[credential];
        const answer = await send(op, token, victimDummies(), `${op.key} with ${credential}`);
        expect.soft(answer.status, op.key).toBeLessThan(500);
        if (!answer.succeeded) expect.soft(typeof answer.message, `${op.key}: ${answer.text}`).toBe('string');
      }
    }
  });

  it("left the other user's data untouched", async () => {
    expect(await gql('query($id: String) { user(id: $id) { ' + VICTIM_FIELDS + ' } }', { id: users.victim }, await adminToken(s))).toEqual(victimBefore);
  });

  it('never answered a password hash, a secret, a signing key or private key material, and logged no failure', () => {
    expect(answers.length).toBeGreaterThan(600);
    const secrets = storedSecrets();
    expect(secrets).toContain(accountSecret);
    for (const { label, status, text } of answers) {
      expect.soft(status, label).toBeLessThan(500);
      expect.soft(text, label).not.toMatch(/scrypt\$|PRIVATE KEY/);
      for (const secret of secrets) expect.soft(text.includes(secret), `${label} contains a secret`).toBe(false);
    }
    expect(logged).toEqual([]);
  });
});
