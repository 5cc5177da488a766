/**
 * The official authing-js-sdk 4.23.55's AuthenticationClient against authing-local for bindings:
 * bindPhone / bindEmail / updatePhone / updateEmail / unbind* with codes taken from the local
 * outbox, getSecurityLevel, isUserExists, linkAccount / unLinkAccount. (Its uploadAvatar opens a
 * browser file picker, so it has no Node flow to run here.)
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { officialFailure, useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
const PASSWORD = 'pa55word!';

const client = () => new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });

async function codeFor(recipient: string): Promise<string> {
  const response = await fetch(`${h.server.url}/__local/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { headers: { 'x-authing-app-id': h.server.appId } });
  const answer = (await response.json()) as { data: { list: Array<{ data: { code: string } }> } };
  return answer.data.list[0]!.data.code;
}

/** What the official SDK throws: a plain `{ code, message }` object. */
const thrown = (promise: Promise<unknown>) => officialFailure<{ code: number; message: string }>(promise);

let n = 0;
const phone = () => `136${String(Date.now() % 1e6).padStart(6, '0')}${String(n++).padStart(2, '0')}`;

describe('official authing-js-sdk 4.23.55: bindings', () => {
  it('binds, changes and unbinds a phone and an email; the security level follows', async () => {
    const auth = client();
    const username = `bind_${h.suffix}`;
    await auth.registerByUsername(username, PASSWORD);
    await auth.loginByUsername(username, PASSWORD);
    expect(await auth.getSecurityLevel()).toEqual({ score: 40, email: false, phone: false, password: true, mfa: false, passwordSecurityLevel: null });

    const first = phone();
    await auth.sendSmsCode(first);
    expect((await thrown(auth.bindPhone(first, '00000x'))).code).toBe(2001);
    const bound = await auth.bindPhone(first, await codeFor(first));
    expect(bound).toMatchObject({ username, phone: first, phoneVerified: true });

    const second = phone();
    await auth.sendSmsCode(second);
    expect(await auth.updatePhone(second, await codeFor(second))).toMatchObject({ phone: second });

    const email = `bind_${h.suffix}@example.com`;
    await auth.sendEmail(email, 'VERIFY_EMAIL' as never);
    expect(await auth.bindEmail(email, await codeFor(email))).toMatchObject({ email, emailVerified: true });
    expect(await auth.getSecurityLevel()).toMatchObject({ score: 80, email: true, phone: true });

    const next = `next_${h.suffix}@example.com`;
    await auth.sendEmail(next, 'CHANGE_EMAIL' as never);
    expect(await auth.updateEmail(next, await codeFor(next))).toMatchObject({ email: next });
    expect(await auth.unbindPhone()).toMatchObject({ phone: null });
    expect(await auth.unbindEmail()).toMatchObject({ email: null });
    expect(await auth.getSecurityLevel()).toMatchObject({ score: 40 });
    expect((await thrown(auth.unbindEmail())).code).toBe(3914);

    expect(await client().isUserExists({ username })).toBe(true);
    expect(await client().isUserExists({ email: next })).toBe(false);
  });

  it('links a social account into a main account and unlinks it', async () => {
    const main = client();
    await main.registerByUsername(`main_${h.suffix}`, PASSWORD);
    const primaryUserToken = (await main.loginByUsername(`main_${h.suffix}`, PASSWORD)).token ?? '';
    const social = await h.management.users.create({ username: `social_${h.suffix}`, password: PASSWORD });
    await h.management.users.linkIdentity({ userId: social.id, userIdInIdp: `gh_${h.suffix}`, identifier: 'github', isSocial: true, extIdpId: 'idp1' });
    const secondaryUserToken = (await client().loginByUsername(`social_${h.suffix}`, PASSWORD)).token ?? '';

    expect(await main.linkAccount({ primaryUserToken, secondaryUserToken })).toEqual({ code: 200, message: '绑定成功' });
    const me = await main.getCurrentUser();
    expect(me?.identities?.map((i) => i?.provider)).toEqual(['github']);
    expect((await thrown(client().loginByUsername(`social_${h.suffix}`, PASSWORD))).code).toBe(2004);

    expect(await main.unLinkAccount({ primaryUserToken, provider: 'github' as never })).toEqual({ code: 200, message: '解绑成功' });
    expect((await thrown(main.unLinkAccount({ primaryUserToken, provider: 'github' as never }))).code).toBe(3902);
  });
});
