/**
 * Login with a second factor, with authing-ts: a logged-in user binds a TOTP authenticator (the
 * QR code goes into an <img>, the app shows 6-digit codes), confirms it with a code, and from then
 * on a password login is answered 1635 with an mfaToken, which a code from the app turns into the
 * logged-in session. Here otplib plays the authenticator app.
 * Compiled by examples/tsconfig.json and run against authing-local by
 * test/integration/login-mfa-example.test.ts.
 */
import { AuthenticationClient, AuthingError } from 'authing-ts';
import { generateSync } from 'otplib';

export interface MfaExampleConfig {
  appId: string;
  host: string;
  /** A user of the pool, without an authenticator yet. */
  username: string;
  password: string;
}

/** What the authenticator app shows `stepsAhead` 30-second steps from now. */
const appCode = (secret: string, stepsAhead = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

export async function mfaLoginExample({ appId, host, username, password }: MfaExampleConfig) {
  // 1. In the personal center: bind the authenticator.
  const settings = new AuthenticationClient({ appId, appHost: host });
  await settings.loginByUsername(username, password);
  const { secret, qrcode_data_url, recovery_code } = await settings.mfa.assosicateMfaAuthenticator({ authenticatorType: 'totp' });
  // In a browser: document.querySelector('img')!.src = qrcode_data_url; and ask the user to keep recovery_code.
  await settings.mfa.confirmAssosicateMfaAuthenticator({ authenticatorType: 'totp', totp: appCode(secret) });

  // 2. The next login: the password alone is not enough.
  const web = new AuthenticationClient({ appId, appHost: host });
  let mfaToken = '';
  let challengeCode = 0;
  try {
    await web.loginByUsername(username, password);
  } catch (error) {
    if (!(error instanceof AuthingError) || error.code !== 1635) throw error;
    challengeCode = error.code;
    mfaToken = (error.data as { mfaToken: string }).mfaToken;
  }

  // 3. The code the app shows now (the one used to confirm is spent, so take the next one).
  const user = await web.mfa.verifyTotpMfa({ totp: appCode(secret, 1), mfaToken });
  const me = await web.getCurrentUser();
  return {
    qrcodeIsImage: qrcode_data_url.startsWith('data:image/'),
    hasRecoveryCode: recovery_code.length > 0,
    challengeCode,
    loggedInAs: me?.username ?? null,
    sameToken: user.token === web.getToken(),
  };
}
