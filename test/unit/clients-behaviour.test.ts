/**
 * What the clients do around the transport, against canned answers: password encryption and the
 * shared public-key fetch, options and arguments never mutated, session handling of the
 * AuthenticationClient, server answers returned as they are.
 */
import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AuthenticationClient, AuthingApiError, AuthingAuthenticationError, ManagementClient } from '../../src/index.js';
import { bodyOf, json, observedFetch, rejection, type Sent } from './helpers.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 1024,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

/** Raw RSA, then the PKCS#1 v1.5 type 2 padding by hand (Node 20 refuses PKCS#1 private decryption). */
function decrypt(ciphertext: string): string {
  const em = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, Buffer.from(ciphertext, 'base64'));
  expect([em[0], em[1]]).toEqual([0, 2]);
  return em.subarray(em.indexOf(0, 2) + 1).toString('utf8');
}

const operation = (sent: Sent) => (sent.body ? /(?:query|mutation)\s+(\w+)/.exec(String(bodyOf(sent).query))?.[1] : undefined);
const variables = (sent: Sent | undefined): Record<string, unknown> => {
  const value = bodyOf(sent).variables;
  return typeof value === 'object' && value !== null ? { ...value } : {};
};
/** A string inside the GraphQL variables, e.g. `variable(sent, 'input', 'password')`. */
function variable(sent: Sent | undefined, ...path: string[]): string {
  let value: unknown = variables(sent);
  for (const key of path) value = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  if (typeof value !== 'string') throw new Error(`no string at ${path.join('.')}`);
  return value;
}
const user = (extra: Record<string, unknown> = {}) => ({ id: 'u1', username: 'alice', token: null, ...extra });

/** A fake Authing: token, .well-known, and one answer per GraphQL operation or REST path. */
function fakeAuthing(answers: Record<string, unknown> = {}) {
  return observedFetch(async (sent) => {
    const url = new URL(sent.url);
    if (url.pathname === '/api/v2/.well-known') return json({ code: 200, message: 'ok', data: { publicKey } });
    if (url.pathname === '/graphql/v2') {
      const name = operation(sent) ?? '';
      if (name === 'accessToken') return json({ data: { accessToken: { accessToken: 'mgmt', exp: 4102444800, iat: 1 } } });
      return json({ data: { [name]: answers[name] ?? null } });
    }
    const key = `${sent.method} ${url.pathname}`;
    return json({ code: 200, message: 'ok', data: key in answers ? answers[key] : true });
  });
}

describe('ManagementClient', () => {
  it('encrypts passwords, fetches the public key once, and leaves the caller objects alone', async () => {
    const fake = fakeAuthing({ createUser: user(), updateUser: user() });
    const options = { userPoolId: 'pool', secret: 'sec', host: 'https://h.example', fetch: fake.fetch };
    const frozen = Object.freeze({ ...options });
    const management = new ManagementClient(frozen);
    const info = Object.freeze({ username: 'alice', password: 'pa55word!' });
    await Promise.all([management.users.create(info), management.users.create({ username: 'bob', password: 'other' })]);
    const updates = Object.freeze({ password: 'n3w', nickname: 'A' });
    await management.users.update('u1', updates);

    const wellKnown = fake.sent.filter((s) => s.url.endsWith('/api/v2/.well-known'));
    expect(wellKnown).toHaveLength(1);
    expect(wellKnown[0]?.headers.get('authorization')).toBeNull();
    const creates = fake.sent.filter((s) => s.body?.includes('createUser'));
    const sentPasswords = creates.map((s) => decrypt(variable(s, 'userInfo', 'password')));
    expect(sentPasswords.sort()).toEqual(['other', 'pa55word!']);
    for (const s of fake.sent) expect(s.body ?? '').not.toMatch(/pa55word!|"other"|n3w/);
    const update = fake.sent.find((s) => operation(s) === 'updateUser');
    expect(decrypt(variable(update, 'input', 'password'))).toBe('n3w');
    expect(info).toEqual({ username: 'alice', password: 'pa55word!' });
    expect(updates).toEqual({ password: 'n3w', nickname: 'A' });
    expect(frozen).toEqual(options);
  });

  it('uses the publicKey option without fetching .well-known', async () => {
    const fake = fakeAuthing({ createUser: user() });
    const management = new ManagementClient({ userPoolId: 'pool', accessToken: 'tok', host: 'https://h.example', fetch: fake.fetch, publicKey });
    await management.users.create({ username: 'a', password: 'pw' });
    expect(fake.sent.map((s) => new URL(s.url).pathname)).toEqual(['/graphql/v2']);
    expect(fake.sent[0]?.headers.get('authorization')).toBe('Bearer tok');
  });

  it('shares one token request across sub-clients and concurrent calls', async () => {
    const fake = fakeAuthing({ users: { totalCount: 0, list: [] }, roles: { totalCount: 0, list: [] } });
    const management = new ManagementClient({ userPoolId: 'pool', secret: 'sec', host: 'https://h.example', fetch: fake.fetch });
    expect(management.users).toBe(management.users);
    await Promise.all([...Array.from({ length: 10 }, () => management.users.list()), management.roles.list()]);
    expect(fake.sent.filter((s) => operation(s) === 'accessToken')).toHaveLength(1);
  });

  it('returns the server answers: true for REST deletes, null for a missing resource, data for app access', async () => {
    const fake = fakeAuthing({ 'GET /api/v2/resources/detail': null, 'POST /api/v2/applications/app1/authorization/allow': true });
    const acl = new ManagementClient({ userPoolId: 'pool', accessToken: 't', host: 'https://h.example', fetch: fake.fetch }).acl;
    await expect(acl.deleteNamespace('ns')).resolves.toBe(true);
    await expect(acl.deleteResource('books', 'ns')).resolves.toBe(true);
    await expect(acl.getResourceById('nope')).resolves.toBeNull();
    await expect(acl.getResourceByCode({ namespace: 'ns', code: 'nope' })).resolves.toBeNull();
    await expect(acl.allowAccessApplication({ appId: 'app1', targetType: 'USER', targetIdentifiers: ['u1'] })).resolves.toBe(true);
    const allowBody = bodyOf(fake.sent.at(-1));
    expect(allowBody).toEqual({ targetType: 'USER', targetIdentifiers: ['u1'] });
  });

  it('lets the server generate a programmatic secret when none is given', async () => {
    const fake = fakeAuthing({ 'PATCH /api/v2/applications/programmatic-access-accounts': { id: 'a1', secret: 's2' } });
    const acl = new ManagementClient({ userPoolId: 'pool', accessToken: 't', host: 'https://h.example', fetch: fake.fetch }).acl;
    await acl.refreshProgrammaticAccessAccountSecret('a1');
    expect(bodyOf(fake.sent[0])).toEqual({ id: 'a1' });
    await acl.refreshProgrammaticAccessAccountSecret('a1', 'mine');
    expect(bodyOf(fake.sent[1])).toEqual({ id: 'a1', secret: 'mine' });
    await acl.createProgrammaticAccessAccount('app1');
    expect(bodyOf(fake.sent[2])).toEqual({ tokenLifetime: 600 });
  });

  it('reports an unknown user of a nested query as code 2004', async () => {
    const fake = fakeAuthing({ getUserRoles: null });
    const users = new ManagementClient({ userPoolId: 'pool', accessToken: 't', host: 'https://h.example', fetch: fake.fetch }).users;
    const error = await rejection(users.listRoles('ghost'));
    expect(error).toBeInstanceOf(AuthingApiError);
    expect(error).toMatchObject({ code: 2004, message: 'User "ghost" does not exist' });
  });
});

describe('AuthenticationClient', () => {
  const token = new UnsecuredJWT({ data: { id: 'u-from-jwt' } }).setSubject('u-sub').encode();

  it('keeps the login token as the session, per instance, and sends it as Bearer', async () => {
    const fake = fakeAuthing({ loginByUsername: user({ token: 'tok-1' }), user: user() });
    const a = new AuthenticationClient({ appId: 'app', appHost: 'https://h.example', fetch: fake.fetch });
    const b = new AuthenticationClient({ appId: 'app', appHost: 'https://h.example', fetch: fake.fetch });
    await expect(b.getCurrentUser()).resolves.toBeNull();
    expect(fake.sent).toHaveLength(0);
    const logged = await a.loginByUsername('alice', 'pw', { customData: { school: 'x' } });
    expect(logged.token).toBe('tok-1');
    expect(a.getToken()).toBe('tok-1');
    expect(b.getToken()).toBeNull();
    const login = fake.sent.find((s) => operation(s) === 'loginByUsername');
    expect(decrypt(variable(login, 'input', 'password'))).toBe('pw');
    expect(JSON.parse(variable(login, 'input', 'params'))).toEqual([{ key: 'school', value: 'x' }]);
    expect(login?.headers.get('x-authing-app-id')).toBe('app');
    await a.getCurrentUser();
    expect(fake.sent.at(-1)?.headers.get('authorization')).toBe('Bearer tok-1');
  });

  it('updates the profile of the JWT subject without the password and without touching the argument', async () => {
    const fake = fakeAuthing({ updateUser: user({ id: 'u-sub', nickname: 'N' }) });
    const auth = new AuthenticationClient({ appId: 'app', appHost: 'https://h.example', fetch: fake.fetch, token });
    const updates = Object.freeze({ nickname: 'N', password: 'secret' });
    await auth.updateProfile(updates);
    expect(variables(fake.sent[0])).toEqual({ id: 'u-sub', input: { nickname: 'N' } });
    expect(updates).toEqual({ nickname: 'N', password: 'secret' });
    expect(fake.sent[0]?.body).not.toContain('secret');
  });

  it('falls back to data.id of the JWT', async () => {
    const fake = fakeAuthing({ updateUser: user() });
    const auth = new AuthenticationClient({ appId: 'app', appHost: 'https://h.example', fetch: fake.fetch });
    auth.setToken(new UnsecuredJWT({ data: { id: 'u-data' } }).encode());
    await auth.updateProfile({ city: 'Oxford' });
    expect(variables(fake.sent[0]).id).toBe('u-data');
  });

  it('throws typed errors from getCurrentUser and forgets a rejected session on logout', async () => {
    const rejecting = observedFetch((sent) =>
      new URL(sent.url).pathname === '/graphql/v2'
        ? json({ errors: [{ message: { code: 2020, message: 'Not logged in' } }] })
        : json({ code: 2020, message: 'Not logged in' }, { status: 401 }),
    );
    const auth = new AuthenticationClient({ appId: 'app', appHost: 'https://h.example', fetch: rejecting.fetch, token: 'bad' });
    expect(await rejection(auth.getCurrentUser())).toBeInstanceOf(AuthingAuthenticationError);
    expect(await rejection(auth.logout())).toMatchObject({ code: 2020 });
    expect(new URL(rejecting.sent.at(-1)?.url ?? '').search).toBe('?app_id=app');
    expect(auth.getToken()).toBeNull();

    const offline = new AuthenticationClient({ appId: 'app', appHost: 'https://h.example', token: 'tok', fetch: () => Promise.reject(new TypeError('fetch failed')) });
    expect(await rejection(offline.getCurrentUser())).toMatchObject({ name: 'AuthingConnectionError' });
  });

  it('never retries a login', async () => {
    const busy = observedFetch((sent) =>
      new URL(sent.url).pathname === '/api/v2/.well-known' ? json({ code: 200, message: 'ok', data: { publicKey } }) : new Response('busy', { status: 503 }),
    );
    const auth = new AuthenticationClient({ appId: 'app', appHost: 'https://h.example', fetch: busy.fetch });
    await rejection(auth.loginByEmail('a@b.c', 'pw'));
    await rejection(auth.checkLoginStatus('t'));
    expect(busy.sent.filter((s) => s.url.endsWith('/graphql/v2'))).toHaveLength(2);
  });
});
