import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();
const PASSWORD = 'misc-passw0rd!';

describe('management.sendEmail / checkLoginStatus', () => {
  it('sendEmail puts the email in the outbox for the address', async () => {
    const email = `${uid('mail')}@example.com`;
    expect(await h.management.sendEmail(email, 'RESET_PASSWORD')).toMatchObject({ code: 200 });
    const res = await fetch(`${h.server.url}/__local/outbox?recipient=${encodeURIComponent(email)}`, { headers: { 'x-authing-userpool-id': h.server.userPoolId } });
    const { data } = (await res.json()) as { data: { list: Array<{ recipient: string }>; totalCount: number } };
    expect(data.totalCount).toBe(1);
    expect(data.list[0]).toMatchObject({ recipient: email });
  });

  it('checkLoginStatus answers the subject of a live token, the user with fetchUserDetail, null after logout or for junk', async () => {
    const username = uid('status');
    const created = await h.management.users.create({ username, password: PASSWORD });
    const auth = h.authentication();
    const user = await auth.loginByUsername(username, PASSWORD);
    expect(await h.management.checkLoginStatus(user.token!)).toEqual({
      id: created.id,
      userPoolId: h.server.userPoolId,
      arn: `arn:cn:authing:${h.server.userPoolId}:user:${created.id}`,
    });
    expect(await h.management.checkLoginStatus(user.token!, { fetchUserDetail: true })).toMatchObject({ id: created.id, username });
    expect(await h.management.checkLoginStatus('')).toBeNull();
    expect(await h.management.checkLoginStatus('not.a.jwt')).toBeNull();
    // A forged token with a copied payload is refused (the official SDK would accept it, decoding only).
    const [header, payload] = user.token!.split('.');
    expect(await h.management.checkLoginStatus(`${header}.${payload}.forged`)).toBeNull();
    await auth.logout();
    expect(await h.management.checkLoginStatus(user.token!)).toBeNull();
  });

  it('sendEmail with an invalid management token is refused and sends nothing', async () => {
    const { ManagementClient } = await import('authing-ts');
    const forged = new ManagementClient({ userPoolId: h.server.userPoolId, accessToken: 'not-a-token', host: h.server.url });
    const email = `${uid('mail')}@example.com`;
    expect((await failure(forged.sendEmail(email, 'RESET_PASSWORD'))).code).toBe(2020);
    const res = await fetch(`${h.server.url}/__local/outbox?recipient=${encodeURIComponent(email)}`, { headers: { 'x-authing-userpool-id': h.server.userPoolId } });
    expect(((await res.json()) as { data: { totalCount: number } }).data.totalCount).toBe(0);
  });
});

describe('management.isPasswordValid', () => {
  it("checks a password against the pool's strength setting and stores nothing", async () => {
    h.requests.length = 0;
    expect(await h.management.isPasswordValid('abc')).toEqual([{ valid: true, message: expect.any(String) }]);
    await h.management.userpool.update({ passwordStrength: 3 });
    const [weak] = await h.management.isPasswordValid('abcdef1');
    expect(weak).toEqual({ valid: false, message: '密码至少 6 位，且须同时包含字母、数字和符号' });
    expect(await h.management.isPasswordValid('abcdef1!')).toEqual([{ valid: true, message: '密码强度符合要求' }]);
    expect((await h.management.isPasswordValid(''))[0]?.valid).toBe(false);
    await h.management.userpool.update({ passwordStrength: 0 });
    const sent = h.requests.find((r) => r.url.endsWith('/api/v2/password/check'))!;
    expect(sent.method).toBe('POST');
    expect(JSON.parse(sent.body!)).toEqual({ password: 'abc' });
    await expect(h.management.isPasswordValid(42 as unknown as string)).rejects.toMatchObject({ name: 'AuthingValidationError' });
  });
});
