import { beforeEach, describe, expect, it } from 'vitest';
import { loginByCodeSession, loginSession, registerByPhoneCode, registerByUsername } from '../../src/services/authentication.js';
import { updatePoolSettings } from '../../src/services/pool-settings.js';
import { createUser } from '../../src/services/users.js';
import { sendCode } from '../../src/services/verification-codes.js';
import { expectCode, fixture, type Fixture } from './helpers.js';

let f: Fixture;
beforeEach(async () => {
  f = await fixture();
});

const smsCode = async (phone: string) => String((await sendCode(f.ctx, { channel: 'sms', recipient: phone, scene: 'SMS' })).data.code);

describe('sign-in by code', () => {
  it('spends a code exactly once when two logins race with it', async () => {
    await createUser(f.ctx, { phone: '13800000001' });
    const code = await smsCode('13800000001');
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => loginByCodeSession(f.ctx, 'sms', '13800000001', code)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code: number }).code).toBe(2002);
  });

  it('leaves the code live when the registration it proves is refused (phone taken: 2026)', async () => {
    const taken = await createUser(f.ctx, { phone: '13800000002' });
    const code = await smsCode('13800000002');
    await expectCode(registerByPhoneCode(f.ctx, { phone: '13800000002', code }), 2026);
    const session = await loginByCodeSession(f.ctx, 'sms', '13800000002', code);
    expect(session.user).toMatchObject({ id: taken.id, loginsCount: 1, newlyCreated: false });
  });

  it('checks the code before the account: a wrong code is 2001 for known and unknown phones alike', async () => {
    await createUser(f.ctx, { phone: '13800000003' });
    const known = await smsCode('13800000003');
    const unknown = await smsCode('13800000004');
    const other = (c: string) => (c === '999999' ? '888888' : '999999');
    await expectCode(loginByCodeSession(f.ctx, 'sms', '13800000003', other(known)), 2001);
    await expectCode(loginByCodeSession(f.ctx, 'sms', '13800000004', other(unknown)), 2001);
    await expectCode(loginByCodeSession(f.ctx, 'sms', '13800000005', '123456'), 2002);
    await expectCode(loginByCodeSession(f.ctx, 'sms', 'not a phone', '123456'), 2022);
  });
});

describe('registration policy', () => {
  it('refuses registration and autoRegister with 2037 when registration is disabled, before spending a code', async () => {
    await f.store.write((tx) => updatePoolSettings(tx, f.ctx.poolId, { registerDisabled: true }));
    await expectCode(registerByUsername(f.ctx, { username: 'alice', password: 'pw-123456' }), 2037);
    await expectCode(loginSession(f.ctx, 'username', 'alice', 'pw-123456', { autoRegister: true }), 2037);
    const code = await smsCode('13800000006');
    await expectCode(loginByCodeSession(f.ctx, 'sms', '13800000006', code, { autoRegister: true }), 2037);
    await f.store.write((tx) => updatePoolSettings(tx, f.ctx.poolId, { registerDisabled: false }));
    const session = await loginByCodeSession(f.ctx, 'sms', '13800000006', code, { autoRegister: true });
    expect(session.user).toMatchObject({ phone: '13800000006', phoneVerified: true, newlyCreated: true, loginsCount: 1 });
  });

  it('records forceLogin as a login, and only then', async () => {
    const plain = await registerByUsername(f.ctx, { username: 'bob', password: 'pw-123456' });
    expect(plain).toMatchObject({ loginsCount: 0, lastLogin: null, newlyCreated: true });
    const forced = await registerByUsername(f.ctx, { username: 'carol', password: 'pw-123456' }, { login: { clientIp: '10.0.0.9' } });
    expect(forced).toMatchObject({ loginsCount: 1, lastIP: '10.0.0.9' });
    expect(forced.lastLogin).toEqual(expect.any(String));
  });
});
