import { AuthenticationClient } from 'authing-ts';
import { describe, expect, it } from 'vitest';
import { failure, uid, useLocalAuthing } from './harness.js';

const h = useLocalAuthing();

interface OutboxAnswer {
  code: number;
  data: { totalCount: number; list: Array<{ kind: string; recipient: string; subject: string; body: string; data: { code: string; scene: string } }> };
}

async function outbox(query: string, headers: Record<string, string> = {}): Promise<OutboxAnswer> {
  const response = await fetch(`${h.server.url}/__local/outbox?${query}`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as OutboxAnswer;
}

const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

describe('sendSmsCode and sendEmail deliver to the local outbox', () => {
  it('sends an SMS code that GET /__local/outbox shows to that recipient only', async () => {
    const auth = h.authentication();
    const to = phone();
    expect(await auth.sendSmsCode(to)).toEqual({ code: 200, message: '发送成功' });
    const mine = await outbox(`recipient=${to}`);
    expect(mine.code).toBe(200);
    expect(mine.data.totalCount).toBe(1);
    expect(mine.data.list[0]).toMatchObject({ kind: 'SMS_CODE', recipient: to, data: { scene: 'SMS' } });
    expect(mine.data.list[0]!.data.code).toMatch(/^\d{6}$/);
    expect((await outbox(`recipient=${phone()}`)).data.totalCount).toBe(0);
  });

  it('sends the official body with a country code, and answers en-US messages when asked', async () => {
    const to = phone();
    await h.authentication().sendSmsCode(to, '+86');
    const sent = h.requests.at(-1)!;
    expect(sent.url).toBe(`${h.server.url}/api/v2/sms/send`);
    expect(JSON.parse(sent.body ?? 'null')).toEqual({ phone: to, phoneCountryCode: '+86' });
    expect(sent.headers.get('x-authing-app-id')).toBe(h.server.appId);
    expect((await outbox(`recipient=${to}`)).data.list[0]!.subject).toContain('+86');
    const english = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, lang: 'en-US' });
    expect(await english.sendSmsCode(phone())).toEqual({ code: 200, message: 'SMS sent' });
  });

  it('refuses a second code to one number within the resend interval, with retryAfter', async () => {
    const auth = h.authentication();
    const to = phone();
    await auth.sendSmsCode(to);
    const refused = await failure(auth.sendSmsCode(to));
    expect(refused.code).toBe(2021);
    expect((refused.data as { retryAfter: number }).retryAfter).toBeGreaterThan(50);
    expect((await outbox(`recipient=${to}`)).data.totalCount).toBe(1);
  });

  it('mails a code per scene; the outbox matches the address case-insensitively and filters by kind', async () => {
    const auth = h.authentication();
    const email = `${uid('mail')}@example.com`;
    expect(await auth.sendEmail(email.toUpperCase(), 'RESET_PASSWORD')).toEqual({ code: 200, message: '邮件发送成功' });
    const mail = await outbox(`recipient=${encodeURIComponent(email)}&kind=EMAIL_RESET_PASSWORD`);
    expect(mail.data.list).toHaveLength(1);
    expect(mail.data.list[0]).toMatchObject({ recipient: email, subject: 'Reset your password', data: { scene: 'RESET_PASSWORD' } });
    expect(mail.data.list[0]!.body).toContain(mail.data.list[0]!.data.code);
  });

  it('refuses malformed recipients with typed errors and stores nothing', async () => {
    const auth = h.authentication();
    expect((await failure(auth.sendSmsCode('call me'))).code).toBe(2022);
    expect((await failure(auth.sendEmail('not-an-address', 'VERIFY_EMAIL'))).code).toBe(2003);
    expect((await outbox('recipient=not-an-address')).data.totalCount).toBe(0);
  });

  it('keeps each pool its own outbox', async () => {
    const other = await h.server.createUserPool('Outbox pool');
    const auth = new AuthenticationClient({ appId: other.appId, appHost: h.server.url });
    const to = phone();
    await auth.sendSmsCode(to);
    expect((await outbox(`recipient=${to}`, { 'x-authing-app-id': other.appId })).data.totalCount).toBe(1);
    expect((await outbox(`recipient=${to}`, { 'x-authing-userpool-id': h.server.userPoolId })).data.totalCount).toBe(0);
  });

  it('answers an unknown /__local path 404 in the envelope', async () => {
    const response = await fetch(`${h.server.url}/__local/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 404, data: null });
  });
});
