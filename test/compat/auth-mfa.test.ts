/**
 * The official authing-js-sdk 4.23.55's MFA sub-client against authing-local: TOTP enrolment
 * (associate, confirm, list, delete), a login answered 1635 with `data.mfaToken`, and the second
 * step by TOTP code and by recovery code, as its own spec (MfaAuthenticationClient.spec.ts) runs them.
 */
import { AuthenticationClient } from 'authing-js-sdk';
import { describe, expect, it } from 'vitest';
import { officialFailure, totpCode, useOfficialSdk } from './harness.js';

const h = useOfficialSdk();
const PASSWORD = 'mfa-Passw0rd';


const thrown = (promise: Promise<unknown>) => officialFailure<{ code: number; message: string; data: { mfaToken: string } }>(promise);

async function enrolled(name: string) {
  const email = `${name}_${h.suffix}@example.com`;
  const auth = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url });
  await auth.registerByEmail(email, PASSWORD);
  await auth.loginByEmail(email, PASSWORD);
  expect(await auth.mfa.getMfaAuthenticators({ type: 'totp' })).toEqual([]);
  const association = await auth.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp' });
  expect(association).toMatchObject({ authenticator_type: 'totp', secret: expect.any(String), qrcode_uri: expect.stringMatching(/^otpauth:\/\/totp\//) });
  expect(typeof association.qrcode_data_url).toBe('string');
  expect(typeof association.recovery_code).toBe('string');
  const confirmed = await auth.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp', totp: totpCode(association.secret) });
  expect(confirmed.code).toBe(200);
  return { auth, email, association };
}

describe('official authing-js-sdk 4.23.55: MFA', () => {
  it('enrols TOTP, is answered 1635 at login, and completes it with verifyTotpMfa', async () => {
    const { auth, email, association } = await enrolled('otp');
    expect(await auth.mfa.getMfaAuthenticators({ type: 'totp' })).toMatchObject([{ enable: true, authenticatorType: 'totp' }]);

    const error = await thrown(auth.loginByEmail(email, PASSWORD));
    expect(error.code).toBe(1635);
    expect(error.data.mfaToken.length).toBeGreaterThan(0);
    const right = totpCode(association.secret, 1);
    const wrong = await thrown(auth.mfa.verifyTotpMfa({ totp: String((Number(right) + 1) % 1_000_000).padStart(6, '0'), mfaToken: error.data.mfaToken }));
    expect(wrong.code).toBe(6001);
    const user = await auth.mfa.verifyTotpMfa({ totp: right, mfaToken: error.data.mfaToken });
    expect(user).toMatchObject({ email, token: expect.any(String) });
    const me = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, token: user.token ?? '' });
    expect(await me.getCurrentUser()).toMatchObject({ id: user.id });
  });

  it('completes the login with the recovery code, and removes the authenticator', async () => {
    const { auth, email, association } = await enrolled('recovery');
    const error = await thrown(auth.loginByEmail(email, PASSWORD));
    expect(error.code).toBe(1635);
    const user = await auth.mfa.verifyTotpRecoveryCode({ recoveryCode: association.recovery_code, mfaToken: error.data.mfaToken });
    expect(user.id).toEqual(expect.any(String));

    const session = new AuthenticationClient({ appId: h.server.appId, appHost: h.server.url, token: user.token ?? '' });
    expect(await session.mfa.deleteMfaAuthenticator()).toEqual({ code: 200, message: 'TOTP MFA 解绑成功' });
    await expect(session.loginByEmail(email, PASSWORD)).resolves.toMatchObject({ email });
  });
});
