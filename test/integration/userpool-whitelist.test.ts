/**
 * `management.userpool` (detail over REST, update over GraphQL) and `management.whitelist` over
 * HTTP against authing-local: what the settings answer, how updates merge and are checked, and the
 * whitelist refusing self-registration of identifiers it lacks.
 */
import { AuthingValidationError } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

describe('userpool', () => {
  it('answers the pool and its default settings, the same over REST and GraphQL', async () => {
    const pool = await h.management.userpool.detail();
    expect(pool).toMatchObject({
      id: h.server.userPoolId,
      secret: h.server.secret,
      jwtSecret: '******',
      registerDisabled: false,
      whitelist: { usernameEnabled: false, emailEnabled: false, phoneEnabled: false },
      loginFailCheck: { enabled: false, limit: 50, timeInterval: 300 },
      loginPasswordFailCheck: { enabled: false, limit: 5, timeInterval: 600 },
      passwordStrength: 0,
      hideAccountExistence: false,
      verifyCodeLength: 6,
      verifyCodeMaxAttempts: 5,
      isDeleted: false,
    });
    expect(h.requests.at(-1)).toMatchObject({ method: 'GET', url: `${h.server.url}/api/v2/userpools/detail` });
    const { updatedAt: _u, ...viaGraphql } = await h.management.userpool.update({});
    const { updatedAt: _d, ...viaRest } = pool;
    expect(viaGraphql).toEqual(viaRest);
  });

  it('updates settings, merging nested ones key by key, and keeps what is not named', async () => {
    const name = uid('pool');
    await h.management.userpool.update({ name, description: 'Library', loginFailCheck: { limit: 10 }, qrcodeLoginStrategy: { qrcodeExpiresAfter: 60 } });
    const pool = await h.management.userpool.update({ loginFailCheck: { enabled: true }, userpoolTypes: ['WEB'] });
    expect(pool).toMatchObject({
      name,
      description: 'Library',
      loginFailCheck: { enabled: true, limit: 10, timeInterval: 300 },
      qrcodeLoginStrategy: { qrcodeExpiresAfter: 60, ticketExpiresAfter: 300 },
      userpoolTypes: [{ code: 'WEB', name: null, description: null, image: null, sdks: null }],
    });
    expect(await h.management.userpool.detail()).toMatchObject({ name, loginFailCheck: { enabled: true, limit: 10 } });
    await h.management.userpool.update({ loginFailCheck: { enabled: false } });
  });

  it('refuses a blank name and values out of range with 400, writing nothing', async () => {
    const before = await h.management.userpool.detail();
    const blank = await failure(h.management.userpool.update({ name: '  ', registerDisabled: true }));
    expect([blank.code, blank.message]).toEqual([400, 'name 不合法：must be 1 to 128 characters']);
    const limit = await failure(h.management.userpool.update({ registerDisabled: true, loginPasswordFailCheck: { enabled: true, limit: 0 } }));
    expect([limit.code, limit.message]).toEqual([400, 'loginPasswordFailCheck.limit 不合法：must be an integer from 1 to 2147483647']);
    expect((await failure(h.management.userpool.update({ passwordStrength: 9 }))).code).toBe(400);
    expect(await h.management.userpool.detail()).toEqual(before);
    await expect(h.management.userpool.update(null as never)).rejects.toBeInstanceOf(AuthingValidationError);
  });
});

describe('whitelist', () => {
  it('adds, lists and removes values; emails in lower case, each value once', async () => {
    const a = `${uid('a')}@Example.com`;
    const b = `${uid('b')}@example.com`;
    const added = await h.management.whitelist.add('EMAIL', [a, b, a.toUpperCase()]);
    expect(added.map((e) => e.value)).toEqual([a.toLowerCase(), b]);
    expect(added[0]?.createdAt).toEqual(expect.any(String));
    // Adding again keeps the entry.
    expect(await h.management.whitelist.add('EMAIL', [a])).toEqual([added[0]]);
    expect((await h.management.whitelist.list('EMAIL')).map((e) => e.value)).toEqual([a.toLowerCase(), b]);
    expect(await h.management.whitelist.list('USERNAME')).toEqual([]);
    const removed = await h.management.whitelist.remove('EMAIL', [b, 'nobody@example.com']);
    expect(removed.map((e) => e.value)).toEqual([b]);
    expect((await h.management.whitelist.list('EMAIL')).map((e) => e.value)).toEqual([a.toLowerCase()]);
    await h.management.whitelist.remove('EMAIL', [a]);
  });

  it('refuses empty values, on the client and on the server', async () => {
    await expect(h.management.whitelist.add('EMAIL', [''])).rejects.toBeInstanceOf(AuthingValidationError);
    await expect(h.management.whitelist.list('MAIL' as never)).rejects.toBeInstanceOf(AuthingValidationError);
    const answer = await fetch(`${h.server.url}/graphql/v2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-authing-userpool-id': h.server.userPoolId, authorization: `Bearer ${await adminToken()}` },
      body: JSON.stringify({ query: 'mutation { addWhitelist(type: PHONE, list: ["  "]) { value } }' }),
    });
    expect(((await answer.json()) as { errors: Array<{ message: { code: number } }> }).errors[0]?.message.code).toBe(400);
  });

  it('while enabled, refuses self-registration of an email not on the list (2040); on the list, in any case, it passes', async () => {
    const invited = `${uid('invited')}@example.com`;
    await h.management.whitelist.add('EMAIL', [invited]);
    expect(await h.management.whitelist.enable('EMAIL')).toEqual({ emailEnabled: true, usernameEnabled: false, phoneEnabled: false });
    expect((await h.management.userpool.detail()).whitelist?.emailEnabled).toBe(true);
    const auth = h.authentication();
    const stranger = await failure(auth.registerByEmail(`${uid('stranger')}@example.com`, 'Passw0rd!'));
    expect([stranger.code, stranger.message]).toEqual([2040, '该账号不在注册白名单中，无法注册']);
    const user = await auth.registerByEmail(invited.toUpperCase(), 'Passw0rd!');
    expect(user.email).toBe(invited);
    // Other identifiers are not limited by the email list; administrators are not limited at all.
    expect((await auth.registerByUsername(uid('free'), 'Passw0rd!')).id).toEqual(expect.any(String));
    const created = await h.management.users.create({ email: `${uid('admin-made')}@example.com`, password: 'Passw0rd!' });
    expect(created.id).toEqual(expect.any(String));

    expect(await h.management.whitelist.disable('EMAIL')).toMatchObject({ emailEnabled: false });
    expect((await auth.registerByEmail(`${uid('later')}@example.com`, 'Passw0rd!')).id).toEqual(expect.any(String));
  });

  it('limits registration by username the same way, in English too', async () => {
    const invited = uid('invitee');
    await h.management.whitelist.add('USERNAME', [invited]);
    await h.management.whitelist.enable('USERNAME');
    const english = h.authentication();
    const refused = await failure(
      english.registerByUsername(uid('uninvited'), 'Passw0rd!', undefined, {}, { headers: { 'x-authing-lang': 'en-US' } }),
    );
    expect([refused.code, refused.message]).toEqual([2040, 'This account is not on the registration whitelist']);
    expect((await english.registerByUsername(invited, 'Passw0rd!')).username).toBe(invited);
    await h.management.whitelist.disable('USERNAME');
  });
});

async function adminToken(): Promise<string> {
  const res = await fetch(`${h.server.url}/graphql/v2`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'query($id: String!, $s: String!) { accessToken(userPoolId: $id, secret: $s) { accessToken } }',
      variables: { id: h.server.userPoolId, s: h.server.secret },
    }),
  });
  return ((await res.json()) as { data: { accessToken: { accessToken: string } } }).data.accessToken.accessToken;
}
