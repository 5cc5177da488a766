/**
 * The official authing-js-sdk 4.23.55's QR-code sub-clients against authing-local, in Node:
 * geneCode, checkStatus, exchangeUserInfo and startPolling as the official SDK sends them, with
 * authing-local's `/__local/qrcode/*` endpoints playing the phone.
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { useOfficialSdk } from './harness.js';

const h = useOfficialSdk();

async function phone(action: 'scan' | 'confirm' | 'cancel', random: string, userToken: string) {
  const response = await fetch(`${h.server.url}/__local/qrcode/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-authing-app-id': h.server.appId },
    body: JSON.stringify({ random, userToken }),
  });
  return (await response.json()) as { code: number };
}

async function loggedInPhone(name: string) {
  await h.management.users.create({ username: `${name}_${h.suffix}`, nickname: name, password: 'pa55word!' });
  const mobile = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
  const user = await mobile.loginByUsername(`${name}_${h.suffix}`, 'pa55word!');
  return user.token ?? '';
}

describe('official authing-js-sdk 4.23.55: QR-code login', () => {
  it('generates, checks every status and exchanges the ticket for a logged-in user', async () => {
    const token = await loggedInPhone('qrann');
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    const code = await auth.qrcode.geneCode({ customData: { from: 'official' } });
    expect(code).toMatchObject({ random: expect.any(String), url: expect.stringMatching(/^data:image\/svg\+xml;base64,/), expiresIn: 120 });
    expect(await auth.qrcode.checkStatus(code.random)).toMatchObject({ random: code.random, status: 0 });
    expect((await phone('scan', code.random, token)).code).toBe(200);
    expect(await auth.qrcode.checkStatus(code.random)).toMatchObject({ status: 1, userInfo: { nickname: 'qrann' } });
    expect((await phone('confirm', code.random, token)).code).toBe(200);
    const confirmed = await auth.qrcode.checkStatus(code.random);
    expect(confirmed).toMatchObject({ status: 2, ticket: expect.any(String) });
    const user = await auth.qrcode.exchangeUserInfo(confirmed.ticket ?? '');
    expect(user).toMatchObject({ username: `qrann_${h.suffix}`, token: expect.stringMatching(/^ey/) });
    await expect(auth.qrcode.exchangeUserInfo(confirmed.ticket ?? '')).rejects.toMatchObject({ code: 2245 });
  });

  it('polls with the official callbacks until the user cancels, and answers 2241 for an unknown code', async () => {
    const token = await loggedInPhone('qrbob');
    const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
    const { random } = await auth.wxqrcode.geneCode();
    const events: string[] = [];
    const ended = new Promise<void>((resolve) => {
      void auth.wxqrcode.startPolling(random, {
        interval: 30,
        onScanned: (u) => events.push(`scanned:${u.nickname}`),
        onCancel: () => {
          events.push('cancel');
          resolve();
        },
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 80));
    await phone('scan', random, token);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await phone('cancel', random, token);
    await ended;
    expect(events).toEqual(['scanned:qrbob', 'cancel']);
    await expect(auth.qrcode.checkStatus('no-such-random')).rejects.toMatchObject({ code: 2241, message: '二维码不存在' });
  });
});
