import { type PoolCredentials } from 'authing-local';
import { AuthenticationClient, AuthingError, ManagementClient } from 'authing-ts';
import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();
const PASSWORD = 'mfa-passw0rd!';

/** A TOTP code `steps` 30-second steps from now (the server accepts one step either side). */
const totp = (secret: string, steps = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

/** The error of a login that needs a second factor: its code and `data`. */
async function mfaChallenge(login: Promise<unknown>): Promise<{ code: number; data: Record<string, unknown> & { mfaToken: string } }> {
  const error = await failure(login);
  return { code: error.code, data: error.data as Record<string, unknown> & { mfaToken: string } };
}

/** A user of the main pool with a confirmed TOTP authenticator: its username, secret and recovery code. */
async function enrolledUser() {
  const username = uid('mfa');
  await h.management.users.create({ username, password: PASSWORD, email: `${username}@example.com` });
  const auth = h.authentication();
  await auth.loginByUsername(username, PASSWORD);
  const association = await auth.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp' });
  const confirmedWith = totp(association.secret);
  await auth.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp', totp: confirmedWith });
  return { username, secret: association.secret, recoveryCode: association.recovery_code, confirmedWith };
}

async function raw(path: string, init: { method?: string; token?: string; appId?: string; body?: unknown }) {
  const res = await fetch(`${h.server.url}${path}`, {
    method: init.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      'x-authing-app-id': init.appId ?? h.server.appId,
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return (await res.json()) as { code: number; message: string; data: unknown };
}

describe('TOTP enrolment', () => {
  it('associates a pending authenticator, confirms it with a code, and lists it without its secret', async () => {
    const username = uid('enrol');
    const created = await h.management.users.create({ username, password: PASSWORD });
    const auth = h.authentication();
    await auth.loginByUsername(username, PASSWORD);
    expect(await auth.mfa.getMfaAuthenticators({ type: 'totp' })).toEqual([]);

    const association = await auth.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp' });
    expect(association).toMatchObject({ authenticator_type: 'totp', secret: expect.stringMatching(/^[A-Z2-7]{32}$/) });
    expect(association.qrcode_uri).toMatch(new RegExp(`^otpauth://totp/.*${username}.*[?&]secret=${association.secret}`));
    expect(Buffer.from(association.qrcode_data_url.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toContain('<svg');
    expect(association.recovery_code).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/);
    // Pending: not listed, and logins need no code yet.
    expect(await auth.mfa.getMfaAuthenticators()).toEqual([]);
    await expect(h.authentication().loginByUsername(username, PASSWORD)).resolves.toMatchObject({ id: created.id });

    expect(await failure(auth.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp' }))).toMatchObject({ code: 6003 });
    const wrong = String((Number(totp(association.secret)) + 1) % 1_000_000).padStart(6, '0');
    expect(await failure(auth.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp', totp: wrong }))).toMatchObject({ code: 6001, message: 'TOTP 码错误' });
    await expect(auth.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp', totp: totp(association.secret) })).resolves.toEqual({ code: 200, message: 'TOTP MFA 绑定成功' });

    const listed = await auth.mfa.getMfaAuthenticators({ type: 'totp', source: 'SELF' });
    expect(listed).toEqual([{ id: expect.any(String), createdAt: expect.any(String), updatedAt: expect.any(String), userId: created.id, enable: true, authenticatorType: 'totp', source: 'SELF' }]);
    expect(JSON.stringify(listed)).not.toContain(association.secret);
    expect((await failure(auth.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp' }))).code).toBe(6010);
  });

  it('accepts the Python SDK spelling authenticatorType, and removing the authenticator ends the MFA login', async () => {
    const username = uid('py');
    await h.management.users.create({ username, password: PASSWORD });
    const auth = h.authentication();
    const { token } = await auth.loginByUsername(username, PASSWORD);
    const association = (await raw('/api/v2/mfa/totp/associate', { token: token!, body: { authenticatorType: 'totp', source: 'SELF' } })) as { code: number; data: { secret: string } };
    expect(association.code).toBe(200);
    expect((await raw('/api/v2/mfa/totp/associate/confirm', { token: token!, body: { authenticatorType: 'totp', totp: totp(association.data.secret) } })).code).toBe(200);
    expect((await mfaChallenge(h.authentication().loginByUsername(username, PASSWORD))).code).toBe(1635);
    await expect(auth.mfa.deleteMfaAuthenticator()).resolves.toEqual({ code: 200, message: 'TOTP MFA 解绑成功' });
    await expect(h.authentication().loginByUsername(username, PASSWORD)).resolves.toMatchObject({ username });
  });
});

describe('login with a TOTP second step', () => {
  it('answers 1635 with an mfaToken and the factors, refuses wrong and replayed codes, and completes once with a right one', async () => {
    const { username, secret, confirmedWith } = await enrolledUser();
    const auth = h.authentication();
    const { code, data } = await mfaChallenge(auth.loginByUsername(username, PASSWORD));
    expect(code).toBe(1635);
    expect(data).toMatchObject({
      mfaToken: expect.any(String),
      username,
      email: `${username}@example.com`,
      mfaEmail: `${username}@example.com`,
      totpMfaEnabled: true,
      faceMfaEnabled: false,
      applicationMfa: [{ mfaPolicy: 'OTP', status: 1, sort: 0 }],
    });
    expect(auth.getToken()).toBeNull();

    expect(await failure(auth.mfa.verifyTotpMfa({ totp: '', mfaToken: data.mfaToken }))).toMatchObject({ code: 6003 });
    const wrong = String((Number(totp(secret, 1)) + 1) % 1_000_000).padStart(6, '0');
    expect((await failure(auth.mfa.verifyTotpMfa({ totp: wrong, mfaToken: data.mfaToken }))).code).toBe(6001);
    // The code that confirmed the authenticator: its time step (still within the window) is spent.
    expect((await failure(auth.mfa.verifyTotpMfa({ totp: confirmedWith, mfaToken: data.mfaToken }))).code).toBe(6001);

    const user = await auth.mfa.verifyTotpMfa({ totp: totp(secret, 1), mfaToken: data.mfaToken });
    expect(user).toMatchObject({ username, token: expect.any(String) });
    expect(auth.getToken()).toBe(user.token);
    expect(await auth.getCurrentUser()).toMatchObject({ id: user.id, username });
    expect(await auth.checkLoginStatus(user.token!)).toMatchObject({ status: true });

    // Spent: the mfaToken completes one login.
    expect((await failure(h.authentication().mfa.verifyTotpMfa({ totp: totp(secret, 1), mfaToken: data.mfaToken }))).code).toBe(2020);
  });

  it('spends the mfaToken after five wrong codes', async () => {
    const { username, secret } = await enrolledUser();
    const auth = h.authentication();
    const { data } = await mfaChallenge(auth.loginByUsername(username, PASSWORD));
    const wrong = String((Number(totp(secret, 1)) + 7) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) expect((await failure(auth.mfa.verifyTotpMfa({ totp: wrong, mfaToken: data.mfaToken }))).code).toBe(6001);
    expect((await failure(auth.mfa.verifyTotpMfa({ totp: totp(secret, 1), mfaToken: data.mfaToken }))).code).toBe(2020);
  });

  it('completes a login with the recovery code once, and answers the next recovery code', async () => {
    const { username, recoveryCode } = await enrolledUser();
    const first = await mfaChallenge(h.authentication().loginByUsername(username, PASSWORD));
    expect((await failure(h.authentication().mfa.verifyTotpRecoveryCode({ recoveryCode: '', mfaToken: first.data.mfaToken }))).code).toBe(6004);
    const user = await h.authentication().mfa.verifyTotpRecoveryCode({ recoveryCode, mfaToken: first.data.mfaToken });
    expect(user).toMatchObject({ username, token: expect.any(String), recoveryCode: expect.stringMatching(/^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/) });
    expect(user.recoveryCode).not.toBe(recoveryCode);

    const second = await mfaChallenge(h.authentication().loginByUsername(username, PASSWORD));
    expect(await failure(h.authentication().mfa.verifyTotpRecoveryCode({ recoveryCode, mfaToken: second.data.mfaToken }))).toMatchObject({ code: 6002, message: 'TOTP 恢复码错误' });
    await expect(h.authentication().mfa.verifyTotpRecoveryCode({ recoveryCode: user.recoveryCode!, mfaToken: second.data.mfaToken })).resolves.toMatchObject({ username });
  });

  it('refuses face MFA as a pool without face recognition does', async () => {
    const { username } = await enrolledUser();
    const auth = h.authentication();
    const { data } = await mfaChallenge(auth.loginByUsername(username, PASSWORD));
    expect((await failure(auth.mfa.associateFaceByUrl({ baseFace: 'https://example.com/a.jpg', compareFace: 'https://example.com/b.jpg', mfaToken: data.mfaToken }))).code).toBe(1707);
    expect((await failure(auth.mfa.associateFaceByUrl({ baseFace: '', compareFace: '', mfaToken: data.mfaToken }))).code).toBe(1700);
    expect(await failure(auth.mfa.verifyFaceMfa('https://example.com/me.jpg', data.mfaToken))).toMatchObject({ code: 1702, message: '人脸校验错误' });
  });
});

describe('mfaTokens and user tokens', () => {
  it('never take each other’s place', async () => {
    const { username, secret } = await enrolledUser();
    const { data } = await mfaChallenge(h.authentication().loginByUsername(username, PASSWORD));
    // An mfaToken is no user token.
    expect((await raw('/api/v2/users/me', { method: 'GET', token: data.mfaToken })).code).toBe(2020);
    expect((await raw('/api/v2/mfa/totp/associate', { method: 'DELETE', token: data.mfaToken })).code).toBe(2020);
    // A user token completes no MFA step.
    const other = uid('plain');
    await h.management.users.create({ username: other, password: PASSWORD });
    const { token } = await h.authentication().loginByUsername(other, PASSWORD);
    expect((await failure(h.authentication().mfa.verifyTotpMfa({ totp: totp(secret, 1), mfaToken: token! }))).code).toBe(2020);
    // A forged one neither.
    const [head, body] = data.mfaToken.split('.');
    expect((await raw('/api/v2/mfa/totp/verify', { token: `${head}.${body}.AAAA`, body: { totp: totp(secret, 1) } })).code).toBe(2020);
    // The real one still works.
    await expect(h.authentication().mfa.verifyTotpMfa({ totp: totp(secret, 1), mfaToken: data.mfaToken })).resolves.toMatchObject({ username });
  });
});

describe('application MFA by SMS and email (another pool)', () => {
  let pool: PoolCredentials;
  let management: ManagementClient;
  const auth = () => new AuthenticationClient({ appId: pool.appId, appHost: h.server.url });
  const outboxCode = async (recipient: string) => {
    const res = await fetch(`${h.server.url}/__local/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { headers: { 'x-authing-app-id': pool.appId } });
    const { data } = (await res.json()) as { data: { list: Array<{ data: { code: string } }> } };
    return data.list[0]!.data.code;
  };
  const policy = async (applicationMfa: unknown[]) => {
    const res = await fetch(`${h.server.url}/__local/application-mfa`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-authing-app-id': pool.appId },
      body: JSON.stringify({ applicationMfa }),
    });
    return (await res.json()) as { code: number; data: { applicationMfa: unknown[] } };
  };

  beforeAll(async () => {
    pool = await h.server.createUserPool('MFA pool');
    management = new ManagementClient({ userPoolId: pool.userPoolId, secret: pool.secret, host: h.server.url });
    const set = await policy([{ mfaPolicy: 'SMS', status: 1, sort: 0 }, { mfaPolicy: 'EMAIL', status: 1, sort: 1 }, { mfaPolicy: 'FACE', status: 0 }]);
    expect(set).toMatchObject({ code: 200, data: { applicationMfa: [{ mfaPolicy: 'SMS', status: 1, sort: 0 }, { mfaPolicy: 'EMAIL', status: 1, sort: 1 }, { mfaPolicy: 'FACE', status: 0, sort: 2 }] } });
    expect((await policy([{ mfaPolicy: 'VOICE', status: 1 }])).code).toBe(400);
  });

  it('answers 1636 with the enabled factors, and an SMS code from the outbox completes the login', async () => {
    const username = uid('sms');
    const phone = '+8613800138001';
    await management.users.create({ username, password: PASSWORD, phone });
    const client = auth();
    const { code, data } = await mfaChallenge(client.loginByUsername(username, PASSWORD));
    expect(code).toBe(1636);
    expect(data).toMatchObject({ phone, mfaPhone: phone, totpMfaEnabled: false, applicationMfa: [{ mfaPolicy: 'SMS', status: 1, sort: 0 }, { mfaPolicy: 'EMAIL', status: 1, sort: 1 }] });

    await client.sendSmsCode(phone);
    const sent = await outboxCode(phone);
    const wrong = String((Number(sent) + 1) % 1_000_000).padStart(6, '0');
    expect((await failure(client.mfa.verifyAppSmsMfa({ phone, code: wrong, mfaToken: data.mfaToken }))).code).toBe(2001);
    expect((await failure(client.mfa.verifyAppSmsMfa({ phone: '+8613800138999', code: sent, mfaToken: data.mfaToken }))).code).toBe(6012);
    expect((await failure(client.mfa.verifyTotpMfa({ totp: '123456', mfaToken: data.mfaToken }))).code).toBe(6011);
    const user = await client.mfa.verifyAppSmsMfa({ phone, code: sent, mfaToken: data.mfaToken });
    expect(user).toMatchObject({ username, phone, token: expect.any(String) });
    expect(await client.getCurrentUser()).toMatchObject({ username });
  });

  it('binds the email of a user who has none with an email code, after checking it is free', async () => {
    const username = uid('mail');
    const taken = `${uid('taken')}@example.com`;
    await management.users.create({ username: uid('holder'), password: PASSWORD, email: taken });
    await management.users.create({ username, password: PASSWORD });
    const client = auth();
    const { data } = await mfaChallenge(client.loginByUsername(username, PASSWORD));
    const email = `${username}@example.com`;
    expect(await client.mfa.phoneOrEmailBindable({ email: taken, mfaToken: data.mfaToken })).toBe(false);
    expect(await client.mfa.phoneOrEmailBindable({ email, mfaToken: data.mfaToken })).toBe(true);
    expect((await failure(client.mfa.phoneOrEmailBindable({ mfaToken: data.mfaToken }))).code).toBe(400);

    await client.sendEmail(email, 'MFA_VERIFY');
    const user = await client.mfa.verifyAppEmailMfa({ email, code: await outboxCode(email), mfaToken: data.mfaToken });
    expect(user).toMatchObject({ username, email, emailVerified: true, token: expect.any(String) });
  });

  it('binds a TOTP authenticator during the login only when the application enables OTP', async () => {
    const username = uid('bind');
    await management.users.create({ username, password: PASSWORD });
    const refused = await mfaChallenge(auth().loginByUsername(username, PASSWORD));
    expect((await failure(auth().mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp', mfaToken: refused.data.mfaToken }))).code).toBe(6014);

    await policy([{ mfaPolicy: 'OTP', status: 1, sort: 0 }, { mfaPolicy: 'SMS', status: 1, sort: 1 }, { mfaPolicy: 'EMAIL', status: 1, sort: 2 }]);
    try {
      const client = auth();
      const { code, data } = await mfaChallenge(client.loginByUsername(username, PASSWORD));
      expect(code).toBe(1636);
      expect(data.applicationMfa).toEqual([{ mfaPolicy: 'OTP', status: 1, sort: 0 }, { mfaPolicy: 'SMS', status: 1, sort: 1 }, { mfaPolicy: 'EMAIL', status: 1, sort: 2 }]);
      const { secret } = await client.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp', mfaToken: data.mfaToken, source: 'APPLICATION' });
      await client.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp', totp: totp(secret), mfaToken: data.mfaToken, source: 'APPLICATION' });
      expect(await client.mfa.getMfaAuthenticators({ mfaToken: data.mfaToken })).toMatchObject([{ enable: true, source: 'APPLICATION' }]);
      expect(client.getToken()).toBeNull();
      await expect(client.mfa.verifyTotpMfa({ totp: totp(secret, 1), mfaToken: data.mfaToken })).resolves.toMatchObject({ username, token: expect.any(String) });
    } finally {
      await policy([{ mfaPolicy: 'SMS', status: 1, sort: 0 }, { mfaPolicy: 'EMAIL', status: 1, sort: 1 }]);
    }
  });

  it("refuses this pool's mfaToken on the main pool's app, and SMS MFA where the pool has none", async () => {
    const username = uid('cross');
    await management.users.create({ username, password: PASSWORD, phone: '+8613800138002' });
    const { data } = await mfaChallenge(auth().loginByUsername(username, PASSWORD));
    const answer = await raw('/api/v2/applications/mfa/sms/verify', { token: data.mfaToken, appId: h.server.appId, body: { phone: '+8613800138002', code: '000000' } });
    expect(answer.code).toBe(2020);

    const { username: mainUser } = await enrolledUser();
    const main = await mfaChallenge(h.authentication().loginByUsername(mainUser, PASSWORD));
    const refused = await failure(h.authentication().mfa.verifyAppSmsMfa({ phone: '+8613800138003', code: '000000', mfaToken: main.data.mfaToken }));
    expect(refused).toBeInstanceOf(AuthingError);
    expect(refused).toMatchObject({ code: 6014, message: '应用未开启 SMS 多因素认证' });
  });
});
