import { AuthenticationClient, AuthingAbortError, AuthingAuthenticationError, AuthingValidationError, type AuthenticationClient as Auth } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

const PASSWORD = 'b1nd-ings!';

/** The code of the newest message the local outbox holds for `recipient`. */
async function codeFor(recipient: string): Promise<string> {
  const response = await fetch(`${h.server.url}/__local/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`);
  const answer = (await response.json()) as { data: { list: Array<{ data: { code: string } }> } };
  const code = answer.data.list.at(-1)?.data.code;
  if (!code) throw new Error(`no code in the outbox for ${recipient}`);
  return code;
}

const phone = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const email = () => `${uid('bind')}@example.com`;

/** A fresh user registered by username (with a password), logged in on its own client. */
async function loggedIn(): Promise<{ auth: Auth; id: string; username: string }> {
  const auth = h.authentication();
  const username = uid('bind');
  const user = await auth.registerByUsername(username, PASSWORD, {}, { forceLogin: true });
  return { auth, id: user.id, username };
}

/** A code whose sixth digit is changed: certainly wrong. */
const wrong = (code: string) => code.slice(0, 5) + String((Number(code[5]) + 1) % 10);

describe('bindPhone / unbindPhone', () => {
  it('binds a phone proven by its SMS code, refuses a wrong and a reused code, and unbinds', async () => {
    const { auth, id } = await loggedIn();
    const to = phone();
    await auth.sendSmsCode(to);
    const code = await codeFor(to);

    const refused = await failure(auth.bindPhone(to, wrong(code)));
    expect(refused).toMatchObject({ code: 2001, message: '验证码不正确' });
    const bound = await auth.bindPhone(to, code, '+86');
    expect(bound).toMatchObject({ id, phone: to, phoneVerified: true, phoneCountryCode: '+86' });
    // Answered with the caller's own token, which stays the session (the official SDK stores the answer's token).
    expect(bound.token).toBe(auth.getToken());
    expect(await auth.getCurrentUser()).toMatchObject({ id, phone: to, phoneVerified: true });
    expect((await failure(auth.bindPhone(phone(), code))).code).toBe(3911);

    const unbound = await auth.unbindPhone();
    expect(unbound).toMatchObject({ id, phone: null, phoneVerified: false });
    // The code was spent by the bind: it opens nothing again.
    expect((await failure(auth.bindPhone(to, code))).code).toBe(2002);
    expect((await failure(auth.unbindPhone())).code).toBe(3913);
  });

  it("refuses a phone another user holds (2035) and leaves that user's binding as it was", async () => {
    const first = await loggedIn();
    const to = phone();
    await first.auth.sendSmsCode(to);
    await first.auth.bindPhone(to, await codeFor(to));
    const second = await loggedIn();
    const taken = await failure(second.auth.bindPhone(to, '000000'));
    expect(taken).toMatchObject({ code: 2035, message: '手机号已绑定' });
    expect(await h.management.users.detail(first.id)).toMatchObject({ phone: to });
    expect(await h.management.users.detail(second.id)).toMatchObject({ phone: null });
  });

  it('refuses without a session, client-side, and with a token of nobody', async () => {
    const anonymous = h.authentication();
    expect(await failure(anonymous.bindPhone(phone(), '123456'))).toBeInstanceOf(AuthingAuthenticationError);
    expect(await failure(anonymous.unbindEmail())).toBeInstanceOf(AuthingAuthenticationError);
    expect(await failure(anonymous.bindPhone('', '123456'))).toBeInstanceOf(AuthingValidationError);
    const forged = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, token: 'not-a-token' });
    expect((await failure(forged.unbindPhone())).code).toBe(2020);
  });
});

describe('bindEmail / unbindEmail', () => {
  it('binds an email proven by a VERIFY_EMAIL code, never by a code of another scene', async () => {
    const { auth, id } = await loggedIn();
    const to = email();
    await auth.sendEmail(to, 'RESET_PASSWORD');
    const resetCode = await codeFor(to);
    // A password-reset code proves nothing for a binding: there is no live binding code.
    expect((await failure(auth.bindEmail(to, resetCode))).code).toBe(2002);

    const other = email();
    await auth.sendEmail(other, 'VERIFY_EMAIL');
    const english = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, lang: 'en-US', token: auth.getToken() ?? '' });
    expect(await failure(english.bindEmail(other, wrong(await codeFor(other))))).toMatchObject({ code: 2001, message: 'The verification code is incorrect' });
    const bound = await auth.bindEmail(other.toUpperCase(), await codeFor(other));
    expect(bound).toMatchObject({ id, email: other, emailVerified: true });
    expect((await failure(auth.bindEmail(email(), '123456'))).code).toBe(3912);
    expect(await auth.unbindEmail()).toMatchObject({ id, email: null, emailVerified: false });
  });

  it('refuses an email another user holds (2200)', async () => {
    const taken = `${uid('held')}@example.com`;
    await h.management.users.create({ email: taken, password: PASSWORD });
    const { auth } = await loggedIn();
    expect(await failure(auth.bindEmail(taken, '123456'))).toMatchObject({ code: 2200 });
  });

  it("refuses to unbind an account's only identifier (3915)", async () => {
    const auth = h.authentication();
    const only = email();
    await auth.registerByEmail(only, PASSWORD, {}, { forceLogin: true });
    expect(await failure(auth.unbindEmail())).toMatchObject({ code: 3915, message: '这是账号唯一的登录方式，请先绑定其他登录方式' });
    expect((await auth.getCurrentUser())?.email).toBe(only);
    // With a phone bound, the email can go, and then the phone is the one left.
    const to = phone();
    await auth.sendSmsCode(to);
    await auth.bindPhone(to, await codeFor(to));
    expect(await auth.unbindEmail()).toMatchObject({ email: null, phone: to });
    expect((await failure(auth.unbindPhone())).code).toBe(3915);
  });
});

/** Sets the pool's old-phone / old-email verification through the management GraphQL `updateUserpool`. */
async function verifyOld(on: boolean): Promise<void> {
  const headers = { 'content-type': 'application/json', 'x-authing-userpool-id': h.server.userPoolId };
  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${h.server.url}/graphql/v2`, {
      method: 'POST',
      headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as { data: Record<string, { accessToken?: string }> | null; errors?: unknown };
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  };
  const issued = await post('query($id: String!, $secret: String!) { accessToken(userPoolId: $id, secret: $secret) { accessToken } }', {
    id: h.server.userPoolId,
    secret: h.server.secret,
  });
  const input = { changePhoneStrategy: { verifyOldPhone: on }, changeEmailStrategy: { verifyOldEmail: on } };
  await post('mutation($input: UpdateUserpoolInput!) { updateUserpool(input: $input) { id } }', { input }, issued?.accessToken?.accessToken);
}

/** A logged-in user whose phone and email an administrator set (no code was sent to either). */
async function withPhoneAndEmail() {
  const user = await loggedIn();
  const bound = { phone: phone(), email: email() };
  await h.management.users.update(user.id, bound);
  return { ...user, ...bound };
}

describe('updatePhone / updateEmail', () => {
  it('changes the phone and the email proven by a code to the new one (the pool verifies no old one)', async () => {
    const { auth, id } = await withPhoneAndEmail();
    const next = phone();
    await auth.sendSmsCode(next);
    expect(await auth.updatePhone(next, await codeFor(next), undefined, undefined, '+86')).toMatchObject({ id, phone: next, phoneVerified: true, phoneCountryCode: '+86' });
    const address = email();
    await auth.sendEmail(address, 'CHANGE_EMAIL');
    expect(await auth.updateEmail(address, await codeFor(address))).toMatchObject({ id, email: address, emailVerified: true });
    expect(await auth.getCurrentUser()).toMatchObject({ phone: next, email: address });

    const fresh = await loggedIn();
    expect((await failure(fresh.auth.updatePhone(phone(), '123456'))).code).toBe(3913);
    expect((await failure(fresh.auth.updateEmail(email(), '123456'))).code).toBe(3914);
    expect((await failure((await withPhoneAndEmail()).auth.updateEmail(address, '123456'))).code).toBe(2200);
    expect((await failure(auth.updatePhone(next, wrong(await codeFor(next))))).code).toBe(2002);
  });

  it('with changePhoneStrategy / changeEmailStrategy on, needs the old one proven too; a refused change spends no code', async () => {
    const { auth, id, phone: first, email: firstEmail } = await withPhoneAndEmail();
    await verifyOld(true);
    try {
      const next = phone();
      await auth.sendSmsCode(next);
      const nextCode = await codeFor(next);
      expect(await failure(auth.updatePhone(next, nextCode))).toMatchObject({ code: 3917, message: '修改手机号需要验证原手机号' });
      expect((await failure(auth.updatePhone(next, nextCode, phone(), '123456'))).code).toBe(3916);
      await auth.sendSmsCode(first);
      const oldCode = await codeFor(first);
      // A wrong old code fails the whole change: the new number's code stays unspent.
      expect((await failure(auth.updatePhone(next, nextCode, first, wrong(oldCode)))).code).toBe(2001);
      expect(await auth.updatePhone(next, nextCode, first, oldCode)).toMatchObject({ id, phone: next, phoneVerified: true });
      expect(await h.authentication().isUserExists({ phone: first })).toBe(false);

      const address = email();
      await auth.sendEmail(address, 'CHANGE_EMAIL');
      await auth.sendEmail(firstEmail, 'CHANGE_EMAIL');
      expect((await failure(auth.updateEmail(address, await codeFor(address)))).code).toBe(3917);
      expect(await auth.updateEmail(address, await codeFor(address), firstEmail, await codeFor(firstEmail))).toMatchObject({ id, email: address });
      expect((await auth.getCurrentUser())?.email).toBe(address);
    } finally {
      await verifyOld(false);
    }
  });
});

describe('getSecurityLevel', () => {
  it('follows the account: password, then email and phone as they are bound and unbound', async () => {
    const { auth } = await loggedIn();
    expect(await auth.getSecurityLevel()).toEqual({ score: 40, password: true, email: false, phone: false, mfa: false, passwordSecurityLevel: null });
    const to = phone();
    await auth.sendSmsCode(to);
    await auth.bindPhone(to, await codeFor(to));
    expect(await auth.getSecurityLevel()).toMatchObject({ score: 60, phone: true, email: false });
    const address = email();
    await auth.sendEmail(address, 'VERIFY_EMAIL');
    await auth.bindEmail(address, await codeFor(address));
    expect(await auth.getSecurityLevel()).toMatchObject({ score: 80, phone: true, email: true });
    await auth.unbindPhone();
    expect(await auth.getSecurityLevel()).toMatchObject({ score: 60, phone: false, email: true });
    const sent = h.requests.findLast((r) => r.url.endsWith('/api/v2/users/me/security-level'));
    expect(sent?.method).toBe('GET');
    expect(sent?.headers.get('authorization')).toBe(`Bearer ${auth.getToken()}`);
  });

  it('scores a user without a password lower, and refuses without a session', async () => {
    const address = email();
    const created = await h.management.users.create({ email: address });
    const { token } = await h.management.users.refreshToken(created.id);
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, token: token ?? '' });
    expect(await auth.getSecurityLevel()).toMatchObject({ score: 20, password: false, email: true });
    expect(await failure(h.authentication().getSecurityLevel())).toBeInstanceOf(AuthingAuthenticationError);
  });
});

/** A tiny PNG: the signature, then arbitrary chunk bytes (the server reads the signature). */
const png = (size = 64) => {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < size; i++) bytes[i] = (i * 31) % 256;
  return bytes;
};

describe('updateAvatar and the upload', () => {
  it('uploads the bytes, sets photo to the URL, and the URL serves the same bytes with their type', async () => {
    const { auth, id } = await loggedIn();
    const bytes = png(300);
    const user = await auth.updateAvatar(bytes, { filename: 'me.png' });
    expect(user.id).toBe(id);
    expect(user.photo).toMatch(new RegExp(`^${h.server.url}/__local/files\\?userPoolId=${h.server.userPoolId}&id=`));
    expect((await auth.getCurrentUser())?.photo).toBe(user.photo);

    const served = await fetch(user.photo ?? '');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);

    const upload = h.requests.findLast((r) => r.url.includes('/api/v2/upload'));
    expect(upload?.url).toBe(`${h.server.url}/api/v2/upload?folder=avatar`);
    expect(upload?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload?.body).toContain('name="file"; filename="me.png"');
  });

  it('takes a Blob (a GIF) as well, typed by its bytes whatever the Blob claims', async () => {
    const { auth } = await loggedIn();
    const gif = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000');
    const user = await auth.updateAvatar(new Blob([gif], { type: 'text/plain' }));
    const served = await fetch(user.photo ?? '');
    expect(served.headers.get('content-type')).toBe('image/gif');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(gif);
  });

  it('refuses a file that is not an image (3922) or larger than 512 KiB (3921), and keeps the photo', async () => {
    const { auth, id } = await loggedIn();
    const before = (await auth.getCurrentUser())?.photo;
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(await failure(auth.updateAvatar(svg, { contentType: 'image/svg+xml' }))).toMatchObject({ code: 3922, message: '只能上传 PNG、JPEG、GIF 或 WebP 图片' });
    const large = await failure(auth.updateAvatar(png(512 * 1024 + 1)));
    expect(large).toMatchObject({ code: 3921, data: { maxBytes: 524288 } });
    await expect(auth.updateAvatar(png(512 * 1024))).resolves.toMatchObject({ id });
    expect(before).not.toBeUndefined();
  });

  it('refuses an anonymous upload (2020), a body without a file (3923), an unknown file id (3924)', async () => {
    const form = new FormData();
    form.append('file', new Blob([png()]), 'a.png');
    const anonymous = await fetch(`${h.server.url}/api/v2/upload?folder=avatar`, { method: 'POST', body: form, headers: { 'x-authing-app-id': h.server.appId } });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 2020 });

    const { auth } = await loggedIn();
    const headers = { authorization: `Bearer ${auth.getToken()}`, 'x-authing-app-id': h.server.appId };
    const json = await fetch(`${h.server.url}/api/v2/upload`, { method: 'POST', body: '{}', headers: { ...headers, 'content-type': 'application/json' } });
    expect(await json.json()).toMatchObject({ code: 3923 });
    const two = new FormData();
    two.append('file', new Blob([png()]));
    two.append('file', new Blob([png()]));
    expect(await (await fetch(`${h.server.url}/api/v2/upload`, { method: 'POST', body: two, headers })).json()).toMatchObject({ code: 3923 });
    const missing = await fetch(`${h.server.url}/__local/files?userPoolId=${h.server.userPoolId}&id=nope`);
    expect(await missing.json()).toMatchObject({ code: 3924 });
  });

  it('uploadAvatar needs a browser: a typed error in Node; updateAvatar needs a session', async () => {
    const { auth } = await loggedIn();
    const error = await failure(auth.uploadAvatar());
    expect(error).toBeInstanceOf(AuthingValidationError);
    expect(error).not.toBeInstanceOf(AuthingAbortError);
    expect(error.message).toContain('updateAvatar');
    expect(await failure(h.authentication().updateAvatar(png()))).toBeInstanceOf(AuthingAuthenticationError);
    expect(await failure(auth.updateAvatar('not bytes' as unknown as Blob))).toBeInstanceOf(AuthingValidationError);
  });
});

describe('linkAccount / unLinkAccount', () => {
  /** A user with a GitHub identity (a "social account"), logged in. */
  async function socialAccount(githubId: string) {
    const username = uid('social');
    const created = await h.management.users.create({ username, password: PASSWORD });
    await h.management.users.linkIdentity({ userId: created.id, identifier: 'github', userIdInIdp: githubId, isSocial: true });
    const token = (await h.authentication().loginByUsername(username, PASSWORD)).token ?? '';
    return { id: created.id, username, token };
  }

  it("moves the social account's identities to the main account and deletes the social account", async () => {
    const main = await loggedIn();
    const githubId = uid('gh');
    const social = await socialAccount(githubId);
    const primaryUserToken = main.auth.getToken() ?? '';

    expect(await main.auth.linkAccount({ primaryUserToken, secondaryUserToken: social.token })).toEqual({ code: 200, message: '绑定成功' });
    const sent = h.requests.findLast((r) => r.url.endsWith('/api/v2/users/link'));
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ primaryUserToken, secondaryUserToken: social.token });
    expect(sent?.headers.get('authorization')).toBeNull();

    expect((await h.management.users.find({ identity: { provider: 'github', userIdInIdp: githubId } }))?.id).toBe(main.id);
    expect(await h.management.users.detail(social.id)).toBeNull();
    const stale = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, token: social.token });
    expect((await failure(stale.getSecurityLevel())).code).toBe(2020);
    expect((await failure(h.authentication().loginByUsername(social.username, PASSWORD))).code).toBe(2004);

    expect(await main.auth.unLinkAccount({ primaryUserToken, provider: 'github' })).toEqual({ code: 200, message: '解绑成功' });
    expect(await h.management.users.find({ identity: { provider: 'github', userIdInIdp: githubId } })).toBeNull();
    expect(await failure(main.auth.unLinkAccount({ primaryUserToken, provider: 'github' }))).toMatchObject({ code: 3902 });
  });

  it('refuses one account twice (3904), a secondary without identity (3903), bad and foreign tokens (2020)', async () => {
    const main = await loggedIn();
    const primaryUserToken = main.auth.getToken() ?? '';
    expect((await failure(main.auth.linkAccount({ primaryUserToken, secondaryUserToken: primaryUserToken }))).code).toBe(3904);
    const plain = await loggedIn();
    expect((await failure(main.auth.linkAccount({ primaryUserToken, secondaryUserToken: plain.auth.getToken() ?? '' }))).code).toBe(3903);
    // The refused link deleted nobody.
    expect(await h.management.users.detail(plain.id)).toMatchObject({ id: plain.id });

    const social = await socialAccount(uid('gh'));
    expect((await failure(main.auth.linkAccount({ primaryUserToken: 'garbage', secondaryUserToken: social.token }))).code).toBe(2020);

    const pool = await h.server.createUserPool('Other bindings pool');
    const foreign = new AuthenticationClient({ appId: pool.appId, appHost: h.server.url });
    const outsider = await foreign.registerByUsername(uid('out'), PASSWORD, {}, { forceLogin: true });
    // A token of another pool, sent through this pool's app, and this pool's token through the other's.
    expect((await failure(main.auth.linkAccount({ primaryUserToken, secondaryUserToken: outsider.token ?? '' }))).code).toBe(2020);
    expect((await failure(foreign.linkAccount({ primaryUserToken: outsider.token ?? '', secondaryUserToken: social.token }))).code).toBe(2020);
    expect((await failure(foreign.unLinkAccount({ primaryUserToken, provider: 'github' }))).code).toBe(2020);
    expect(await h.management.users.detail(social.id)).toMatchObject({ id: social.id });
  });
});

describe('isUserExists', () => {
  it('answers by username, email, phone and externalId', async () => {
    const username = uid('exists');
    const address = email();
    await h.management.users.create({ username, email: address, externalId: `ext-${username}`, password: PASSWORD });
    const auth = h.authentication();
    expect(await auth.isUserExists({ username })).toBe(true);
    expect(await auth.isUserExists({ email: address.toUpperCase() })).toBe(true);
    expect(await auth.isUserExists({ externalId: `ext-${username}` })).toBe(true);
    expect(await auth.isUserExists({ username: uid('nobody') })).toBe(false);
    expect(await auth.isUserExists({ phone: phone() })).toBe(false);
  });
});
